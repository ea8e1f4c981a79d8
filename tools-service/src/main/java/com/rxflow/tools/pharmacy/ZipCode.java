package com.rxflow.tools.pharmacy;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

import com.rxflow.tools.geo.GeoPoint;

/** A ZIP code's approximate centre, so a search "near 78701" has a point to measure from. */
public record ZipCode(
        @NotNull @Pattern(regexp = "^\\d{5}$") String zip,
        @NotNull @DecimalMin("-90") @DecimalMax("90") Double lat,
        @NotNull @DecimalMin("-180") @DecimalMax("180") Double lon) {

    public GeoPoint point() {
        return new GeoPoint(lat, lon);
    }
}
