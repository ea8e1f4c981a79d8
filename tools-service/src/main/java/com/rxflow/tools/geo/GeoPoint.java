package com.rxflow.tools.geo;

/**
 * A point on the earth, and the great-circle (haversine) distance between two of them: what
 * "nearest pharmacy" means when the data has coordinates and no road network.
 */
public record GeoPoint(double latitude, double longitude) {

    private static final double EARTH_RADIUS_MILES = 3958.8;

    public GeoPoint {
        if (latitude < -90 || latitude > 90 || longitude < -180 || longitude > 180) {
            throw new IllegalArgumentException("not a coordinate: " + latitude + ", " + longitude);
        }
    }

    public double milesTo(GeoPoint other) {
        double dLat = Math.toRadians(other.latitude - latitude);
        double dLon = Math.toRadians(other.longitude - longitude);
        double a = Math.pow(Math.sin(dLat / 2), 2)
                + Math.cos(Math.toRadians(latitude)) * Math.cos(Math.toRadians(other.latitude))
                * Math.pow(Math.sin(dLon / 2), 2);
        return 2 * EARTH_RADIUS_MILES * Math.asin(Math.min(1, Math.sqrt(a)));
    }
}
