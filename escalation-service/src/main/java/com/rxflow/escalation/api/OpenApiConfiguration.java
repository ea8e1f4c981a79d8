package com.rxflow.escalation.api;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The OpenAPI document ({@code /v3/api-docs}, Swagger UI at {@code /swagger-ui.html}) for pharmacy
 * systems that work the queue from their own tools.
 */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

    private static final String BASIC = "basic";

    @Bean
    OpenAPI escalationOpenApi() {
        return new OpenAPI()
                .info(new Info().title("RxFlow pharmacists' API").version("v1")
                        .description("The pharmacists' and prescribers' queue: list and read cases, claim, reply to "
                                + "the patient, resolve, withdraw, record a prescriber's decision. Every action is "
                                + "recorded with the signed-in user; send an Idempotency-Key to retry safely. Errors "
                                + "are RFC 9457 problem details; their 'type' is one of " + ApiProblems.BASE
                                + "{not-found|case-claimed|not-case-owner|case-finished|wrong-route|invalid-action|"
                                + "action-pending|unavailable|validation|invalid-json|invalid-idempotency-key|"
                                + "unauthorized|forbidden}."))
                .components(new Components().addSecuritySchemes(BASIC, new SecurityScheme()
                        .type(SecurityScheme.Type.HTTP).scheme("basic")
                        .description("A pharmacist account (rxflow.escalation.access.users); locally pharmacist / "
                                + "rxflow-local-pharmacist")))
                .addSecurityItem(new SecurityRequirement().addList(BASIC));
    }
}
