package com.rxflow.load.bench;

import java.util.Map;

/** Measures what each service used while a phase ran: CPU time and heap. */
interface ResourceMonitor {

    /** Starts measuring (a new phase). */
    void start();

    /** Stops measuring and returns the usage of each service (and of the rest of the process, where known). */
    Map<String, Usage> stop();

    /**
     * @param cpuSeconds    CPU time used during the phase
     * @param cpuCores      the same as cores busy on average (1.0 = one core all the time)
     * @param heapMaxMb     the highest heap use seen (MiB); for services sharing one JVM, that JVM's heap
     * @param heapMeanMb    the mean heap use seen (MiB)
     * @param gcCount       collections during the phase (-1 unknown)
     * @param gcSeconds     time spent collecting (-1 unknown)
     * @param note          what the numbers cover
     */
    record Usage(double cpuSeconds, double cpuCores, double heapMaxMb, double heapMeanMb, long gcCount,
            double gcSeconds, String note) {
    }
}
