package com.rxflow.tools.geo;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

/** A postal address with its coordinates, as the patient and pharmacy data carry them. */
public record Address(
        @NotBlank String street,
        @NotBlank String city,
        @NotBlank String state,
        @NotNull @Pattern(regexp = "^\\d{5}(-\\d{4})?$") String zip,
        @NotNull @DecimalMin("-90") @DecimalMax("90") Double lat,
        @NotNull @DecimalMin("-180") @DecimalMax("180") Double lon) {

    public GeoPoint point() {
        return new GeoPoint(lat, lon);
    }

    /** Street, city, state and ZIP on one line. */
    public String oneLine() {
        return street + ", " + city + ", " + state + " " + zip;
    }
}
