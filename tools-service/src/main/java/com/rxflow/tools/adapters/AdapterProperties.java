package com.rxflow.tools.adapters;

import java.net.URI;
import java.time.Duration;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Which systems answer the tools: the bundled data (the default, no network needed) or a real
 * one, and where the real ones are.
 *
 * @param drugLookup {@code bundled} or {@code rxnav}
 * @param patients   {@code bundled} or {@code fhir}
 * @param rxnav      the RxNav (RxNorm REST) endpoint
 * @param fhir       the FHIR R4 endpoint holding the pharmacy's patient records
 */
@ConfigurationProperties("rxflow.tools.adapters")
@Validated
public record AdapterProperties(
        @NotNull @Pattern(regexp = "^(bundled|rxnav)$") String drugLookup,
        @NotNull @Pattern(regexp = "^(bundled|fhir)$") String patients,
        @NotNull @Valid Endpoint rxnav,
        @NotNull @Valid Endpoint fhir) {

    /**
     * @param baseUrl        base URL, without a trailing slash
     * @param connectTimeout time to establish a connection
     * @param readTimeout    time to wait for a whole response
     */
    public record Endpoint(@NotNull URI baseUrl, @NotNull Duration connectTimeout, @NotNull Duration readTimeout) {
    }
}
