package com.rxflow.tools.patient;

import jakarta.validation.Validator;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.Resource;
import org.springframework.validation.annotation.Validated;

import tools.jackson.databind.json.JsonMapper;

/** The patient directory the tools use: the patient data file, loaded and checked at start-up. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(PatientDataConfiguration.PatientDataProperties.class)
public class PatientDataConfiguration {

    @Bean
    PatientDirectory patientDirectory(PatientDataProperties properties, JsonMapper mapper, Validator validator) {
        return new PatientDataFile(mapper, validator).load(properties.file());
    }

    /** @param file the patient data file, for example {@code classpath:data/patients.json} */
    @ConfigurationProperties("rxflow.tools.patients")
    @Validated
    public record PatientDataProperties(@NotNull Resource file) {
    }
}
