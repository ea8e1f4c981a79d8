package com.rxflow.escalation.query;

/**
 * Which copy of a partition of the {@code escalation-cases} store answered a read. Kafka Streams
 * keeps a partition's cases on the instance that owns it (its active task) and, with
 * {@code num.standby.replicas}, on other instances that follow its changelog (standby replicas).
 */
public enum Replica {

    /** The owner's store: every change to the partition's cases is applied there first. */
    ACTIVE,

    /**
     * A copy read while the owner could not be: a standby replica (or a copy still being
     * restored), which may lag the owner by the changes it has not replicated yet.
     */
    STANDBY;

    /** The response header that says which copy a case was read from. */
    public static final String HEADER = "RxFlow-Replica";
}
