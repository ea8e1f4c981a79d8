package com.rxflow.tools.adapters;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import com.rxflow.tools.adapters.fhir.FhirClient;
import com.rxflow.tools.adapters.fhir.FhirPatientDirectory;
import com.rxflow.tools.adapters.rxnav.RxNavClient;
import com.rxflow.tools.adapters.rxnav.RxNavDrugLookup;
import com.rxflow.tools.medication.DrugCatalogue;
import com.rxflow.tools.medication.DrugLookupPort;
import com.rxflow.tools.patient.PatientDirectory;

/**
 * The real systems behind the tools' ports, each switched on by configuration and off by
 * default (the bundled data needs no network): {@code rxflow.tools.adapters.drug-lookup=rxnav},
 * {@code rxflow.tools.adapters.patients=fhir}.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(AdapterProperties.class)
public class AdapterConfiguration {

    @Bean
    @ConditionalOnProperty(name = "rxflow.tools.adapters.drug-lookup", havingValue = "rxnav")
    DrugLookupPort rxNavDrugLookup(AdapterProperties properties) {
        return new RxNavDrugLookup(new RxNavClient(properties.rxnav()));
    }

    @Bean
    @ConditionalOnProperty(name = "rxflow.tools.adapters.patients", havingValue = "fhir")
    PatientDirectory fhirPatients(AdapterProperties properties, DrugCatalogue catalogue) {
        return new FhirPatientDirectory(new FhirClient(properties.fhir()), catalogue);
    }
}
