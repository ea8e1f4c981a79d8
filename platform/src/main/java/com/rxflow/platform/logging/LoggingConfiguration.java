package com.rxflow.platform.logging;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The {@link Pseudonyms} every service logs patient identifiers with. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(PseudonymProperties.class)
public class LoggingConfiguration {

    private static final Logger log = LoggerFactory.getLogger(LoggingConfiguration.class);

    @Bean
    Pseudonyms pseudonyms(PseudonymProperties properties) {
        if (properties.pseudonymKey() == null || properties.pseudonymKey().isBlank()) {
            log.info("rxflow.logging.pseudonym-key is not set: patient pseudonyms in logs use a random key of this "
                    + "process and change at every start");
            return Pseudonyms.withRandomKey();
        }
        return Pseudonyms.withKey(properties.pseudonymKey());
    }
}
