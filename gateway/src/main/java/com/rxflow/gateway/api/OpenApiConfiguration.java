package com.rxflow.gateway.api;

import java.util.Map;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;

import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import com.rxflow.gateway.problem.ProblemType;

/**
 * The OpenAPI document ({@code /v3/api-docs}, Swagger UI at {@code /swagger-ui.html}): the two
 * ways to call {@code /api} (a patient's access token, or a channel's API key), and the problem details each call may answer with, so
 * a channel developer sees the error contract next to the happy path.
 */
@Configuration(proxyBeanMethods = false)
public class OpenApiConfiguration {

    static final String API_KEY = "apiKey";
    static final String BEARER = "patientToken";
    static final String PROBLEM = "Problem";

    @Bean
    OpenAPI gatewayOpenApi() {
        return new OpenAPI()
                .info(new Info().title("RxFlow gateway API").version("v1")
                        .description("The patients' chat channels' API: open a conversation, post messages (idempotent"
                                + " by messageId), wait for or stream the replies, read the state and the transcript."
                                + " Errors are RFC 9457 problem details; their 'type' is one of "
                                + ProblemType.BASE + "{" + String.join("|", java.util.Arrays.stream(ProblemType.values())
                                        .map(type -> type.type().toString().substring(ProblemType.BASE.length()))
                                        .toList()) + "}."))
                .components(new Components()
                        .addSecuritySchemes(BEARER, new SecurityScheme().type(SecurityScheme.Type.HTTP)
                                .scheme("bearer").bearerFormat("JWT")
                                .description("A patient's access token from the identity provider; the patient is its"
                                        + " patient_id claim"))
                        .addSecuritySchemes(API_KEY, new SecurityScheme().type(SecurityScheme.Type.APIKEY)
                                .in(SecurityScheme.In.HEADER).name("X-Api-Key")
                                .description("A server-side channel client's key; locally rxflow-local-dev (web) or"
                                        + " rxflow-local-sms (sms). Opening a conversation also needs X-Patient-Assertion."))
                        .addSchemas(PROBLEM, problemSchema()))
                .addSecurityItem(new SecurityRequirement().addList(BEARER))
                .addSecurityItem(new SecurityRequirement().addList(API_KEY));
    }

    /** Adds the problem answers every API operation may give. */
    @Bean
    OpenApiCustomizer problemResponses() {
        Map<String, String> common = Map.of(
                "400", "Invalid request (types validation, invalid-json, unknown-field, invalid-patient-id,"
                        + " message-too-long, control-characters)",
                "401", "No credentials, an unknown X-Api-Key, or an access token or patient assertion not accepted",
                "404", "No such conversation for this caller",
                "429", "Rate limit reached; Retry-After says when to try again",
                "503", "A dependency is unavailable; Retry-After says when to try again");
        return openApi -> openApi.getPaths().values().forEach(path -> path.readOperations().forEach(operation ->
                common.forEach((status, description) -> operation.getResponses().computeIfAbsent(status,
                        key -> new ApiResponse().description(description).content(new Content().addMediaType(
                                "application/problem+json",
                                new MediaType().schema(new Schema<>().$ref("#/components/schemas/" + PROBLEM))))))));
    }

    private static Schema<Object> problemSchema() {
        Schema<Object> schema = new Schema<>();
        schema.type("object").description("RFC 9457 problem details")
                .addProperty("type", new Schema<String>().type("string").format("uri"))
                .addProperty("title", new Schema<String>().type("string"))
                .addProperty("status", new Schema<Integer>().type("integer"))
                .addProperty("detail", new Schema<String>().type("string"))
                .addProperty("instance", new Schema<String>().type("string").format("uri"))
                .addProperty("errors", new Schema<Object>().type("array").description("validation problems: field,"
                        + " message and type of each violation").items(new Schema<Object>().type("object")));
        return schema;
    }
}
