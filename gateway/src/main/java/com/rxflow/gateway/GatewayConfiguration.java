package com.rxflow.gateway;

import java.time.Clock;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import com.rxflow.platform.readiness.ProductionRule;

/** The gateway's own settings, its production rules and the clock its events are stamped with. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(GatewayProperties.class)
public class GatewayConfiguration {

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    /**
     * In production the gateway needs a client to serve and the pharmacy's identity provider, named
     * by an https issuer (the default, the local sign-in on localhost, would accept no real patient
     * and must not be trusted by a deployment). The documented development keys are refused
     * by {@code ChannelClients} (API keys) and {@code ChannelAssertionVerifier} (assertion keys) in
     * every profile but local.
     */
    @Bean
    ProductionRule gatewayProductionRule(GatewayProperties gateway) {
        return () -> {
            List<ProductionRule.Violation> violations = new ArrayList<>();
            if (gateway.clients().isEmpty()) {
                violations.add(new ProductionRule.Violation("rxflow.gateway.clients",
                        "is empty; production needs at least one channel client (RXFLOW_GATEWAY_CLIENTS_0_ID, "
                                + "..._CHANNEL, ..._KEYSHA256)"));
            }
            URI issuer = gateway.identity().issuerUri();
            if (!"https".equalsIgnoreCase(issuer.getScheme())) {
                violations.add(new ProductionRule.Violation("rxflow.gateway.identity.issuer-uri",
                        "is " + issuer + "; production names the pharmacy's identity provider by its https issuer "
                                + "(RXFLOW_GATEWAY_IDENTITY_ISSUERURI, docs/identity.md)"));
            }
            return violations;
        };
    }
}
