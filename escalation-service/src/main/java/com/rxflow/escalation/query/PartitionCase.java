package com.rxflow.escalation.query;

/**
 * One partition searched for a case by id, from which copy, and the case when it is there
 * ({@code found} is null otherwise); what an instance answers a peer that asks for a case in some
 * partitions ({@code /internal/cases/{id}?partitions=}).
 */
public record PartitionCase(int partition, Replica replica, CaseView found) {
}
