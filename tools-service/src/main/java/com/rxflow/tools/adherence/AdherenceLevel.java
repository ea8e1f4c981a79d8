package com.rxflow.tools.adherence;

/**
 * Adherence bands on the 0-100 PDC score. Excellent, Good and Fair keep the reference's cut-offs
 * (90, 80, 70); 80 is also PQA's line for "adherent". The reference stopped at "poor"; its
 * documented five levels need a fifth band, and 40 splits Poor from Very Poor so that the seed's
 * test table holds: 95 Excellent, 85 Good, 70 Fair, 50 Poor, 30 Very Poor.
 */
public enum AdherenceLevel {

    EXCELLENT("Excellent", 90),
    GOOD("Good", 80),
    FAIR("Fair", 70),
    POOR("Poor", 40),
    VERY_POOR("Very Poor", 0);

    private final String label;
    private final int minimumScore;

    AdherenceLevel(String label, int minimumScore) {
        this.label = label;
        this.minimumScore = minimumScore;
    }

    public static AdherenceLevel of(int score) {
        for (AdherenceLevel level : values()) {
            if (score >= level.minimumScore) {
                return level;
            }
        }
        return VERY_POOR;
    }

    public String label() {
        return label;
    }

    public int minimumScore() {
        return minimumScore;
    }
}
