package com.rxflow.tools.safety;

/** Interaction severities, most severe first; the rank orders a report (the reference's 4..1). */
public enum Severity {
    CONTRAINDICATED(4), MAJOR(3), MODERATE(2), MINOR(1);

    private final int rank;

    Severity(int rank) {
        this.rank = rank;
    }

    public int rank() {
        return rank;
    }
}
