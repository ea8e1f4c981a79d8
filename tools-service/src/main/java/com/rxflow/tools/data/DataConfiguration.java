package com.rxflow.tools.data;

import java.util.ArrayList;
import java.util.List;

import jakarta.validation.Validator;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.Resource;
import org.springframework.validation.annotation.Validated;

import com.rxflow.tools.coverage.PlanBook;
import com.rxflow.tools.medication.CatalogueDrugLookup;
import com.rxflow.tools.medication.DrugCatalogue;
import com.rxflow.tools.medication.DrugLookupPort;
import com.rxflow.tools.orders.OrderBook;
import com.rxflow.tools.patient.InMemoryPatientDirectory;
import com.rxflow.tools.patient.Patient;
import com.rxflow.tools.patient.PatientDirectory;
import com.rxflow.tools.pharmacy.PharmacyNetwork;
import com.rxflow.tools.safety.AllergyChecker;
import com.rxflow.tools.safety.InteractionTable;

import tools.jackson.databind.json.JsonMapper;

/**
 * The bundled data set, loaded and checked at start-up, and the reference data every tool reads
 * whichever adapters are configured. The patient directory and the drug lookup are the bundled
 * ones unless {@code rxflow.tools.adapters.*} selects a real system.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(DataConfiguration.DataProperties.class)
public class DataConfiguration {

    @Bean
    BundledDataSet bundledDataSet(DataProperties properties, JsonMapper mapper, Validator validator) {
        return BundledDataSet.load(new DataFile(mapper, validator), properties.location());
    }

    @Bean
    DrugCatalogue drugCatalogue(BundledDataSet data) {
        return data.catalogue();
    }

    @Bean
    PharmacyNetwork pharmacyNetwork(BundledDataSet data) {
        return data.network();
    }

    @Bean
    PlanBook planBook(BundledDataSet data) {
        return data.plans();
    }

    @Bean
    InteractionTable interactionTable(BundledDataSet data) {
        return data.interactions();
    }

    @Bean
    AllergyChecker allergyChecker(BundledDataSet data) {
        return new AllergyChecker(data.catalogue(), data.allergens());
    }

    @Bean
    OrderBook orderBook() {
        return new OrderBook();
    }

    @Bean
    @ConditionalOnProperty(name = "rxflow.tools.adapters.patients", havingValue = "bundled", matchIfMissing = true)
    PatientDirectory bundledPatients(BundledDataSet data, DataProperties properties) {
        List<Patient> patients = new ArrayList<>(data.patients());
        patients.addAll(SyntheticPatients.generate(properties.syntheticPatients(), properties.syntheticSeed(),
                data.catalogue(), data.plans()));
        return new InMemoryPatientDirectory(data.provenance(), patients);
    }

    @Bean
    @ConditionalOnProperty(name = "rxflow.tools.adapters.drug-lookup", havingValue = "bundled", matchIfMissing = true)
    DrugLookupPort catalogueDrugLookup(DrugCatalogue catalogue) {
        return new CatalogueDrugLookup(catalogue);
    }

    /**
     * @param location          folder of the data files, for example {@code classpath:data/}
     * @param syntheticPatients synthetic load-test patients to serve next to the bundled ones
     * @param syntheticSeed     seed that makes them the same on every start
     */
    @ConfigurationProperties("rxflow.tools.data")
    @Validated
    public record DataProperties(@NotNull Resource location, @PositiveOrZero int syntheticPatients, long syntheticSeed) {
    }
}
