package com.rxflow.escalation.query;

import java.util.List;

/**
 * The cases of one partition of the store as one instance read them, and from which copy; what an
 * instance answers a peer that asks for some partitions ({@code /internal/cases?partitions=}).
 */
public record PartitionCases(int partition, Replica replica, List<CaseSummary> cases) {
}
