package com.rxflow.load.bench;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.ThreadMXBean;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import com.rxflow.launcher.LocalStack;

/**
 * Resources of the services that share this JVM (the embedded stack). Each service, and the
 * broker, started on a thread group of its own ({@link LocalStack#groupName}), so every thread is
 * attributed to the service that created it; thread CPU time is sampled twice a second. What no
 * thread accounts for (the garbage collector, the JIT compiler) is reported as {@code jvm}, and
 * threads outside every service (this benchmark's driver, the floor) as {@code driver}. The heap is
 * one for all, reported once.
 */
final class InProcessResources implements ResourceMonitor {

    static final String DRIVER = "driver";
    static final String JVM = "jvm (gc, jit)";

    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    private final ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor(
            LoadDriver.daemon("bench-sampler"));
    private final Map<Long, Long> lastCpu = new HashMap<>();
    private final Map<String, Long> cpuByGroup = new TreeMap<>();
    private ScheduledFuture<?> sampling;
    private long startNanos;
    private long startProcessCpu;
    private long gcCountStart;
    private long gcMillisStart;
    private long heapMax;
    private double heapSum;
    private long heapSamples;

    InProcessResources() {
        if (threads.isThreadCpuTimeSupported() && !threads.isThreadCpuTimeEnabled()) {
            threads.setThreadCpuTimeEnabled(true);
        }
    }

    @Override
    public synchronized void start() {
        lastCpu.clear();
        cpuByGroup.clear();
        heapMax = 0;
        heapSum = 0;
        heapSamples = 0;
        sample(false);
        startNanos = System.nanoTime();
        startProcessCpu = processCpu();
        gcCountStart = gcCount();
        gcMillisStart = gcMillis();
        sampling = sampler.scheduleAtFixedRate(() -> sample(true), 500, 500, TimeUnit.MILLISECONDS);
    }

    @Override
    public synchronized Map<String, Usage> stop() {
        sampling.cancel(false);
        sample(true);
        double wall = (System.nanoTime() - startNanos) / 1e9;
        long processCpu = processCpu() - startProcessCpu;
        long gcCount = gcCount() - gcCountStart;
        double gcSeconds = (gcMillis() - gcMillisStart) / 1000.0;
        Map<String, Usage> usage = new LinkedHashMap<>();
        long threadsTotal = 0;
        double heapMaxMb = heapMax / 1048576.0;
        double heapMeanMb = heapSamples == 0 ? 0 : heapSum / heapSamples / 1048576.0;
        for (Map.Entry<String, Long> group : cpuByGroup.entrySet()) {
            threadsTotal += group.getValue();
            double seconds = group.getValue() / 1e9;
            usage.put(group.getKey(), new Usage(seconds, seconds / wall, -1, -1, -1, -1,
                    "threads of its thread group"));
        }
        if (processCpu > 0) {
            double seconds = Math.max(0, processCpu - threadsTotal) / 1e9;
            usage.put(JVM, new Usage(seconds, seconds / wall, heapMaxMb, heapMeanMb, gcCount, gcSeconds,
                    "process CPU not on any Java thread; the heap is shared by every service of this JVM"));
        }
        return usage;
    }

    private synchronized void sample(boolean count) {
        ThreadGroup root = Thread.currentThread().getThreadGroup();
        while (root.getParent() != null) {
            root = root.getParent();
        }
        Thread[] all = new Thread[root.activeCount() + 64];
        int n = root.enumerate(all, true);
        for (int i = 0; i < n; i++) {
            Thread thread = all[i];
            long id = thread.getId();
            long cpu = threads.getThreadCpuTime(id);
            if (cpu < 0) {
                continue;
            }
            Long before = lastCpu.put(id, cpu);
            if (count) {
                cpuByGroup.merge(owner(thread), cpu - (before == null ? 0 : before), Long::sum);
            }
        }
        long heap = memory.getHeapMemoryUsage().getUsed();
        heapMax = Math.max(heapMax, heap);
        heapSum += heap;
        heapSamples++;
    }

    /** The service (or the broker) whose thread group the thread belongs to. */
    static String owner(Thread thread) {
        for (ThreadGroup group = thread.getThreadGroup(); group != null; group = group.getParent()) {
            if (group.getName().startsWith(LocalStack.GROUP_PREFIX)) {
                return group.getName().substring(LocalStack.GROUP_PREFIX.length());
            }
        }
        return DRIVER;
    }

    private static long processCpu() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getProcessCpuTime();
        }
        return -1;
    }

    private static long gcCount() {
        return ManagementFactory.getGarbageCollectorMXBeans().stream()
                .mapToLong(GarbageCollectorMXBean::getCollectionCount).filter(c -> c > 0).sum();
    }

    private static long gcMillis() {
        return ManagementFactory.getGarbageCollectorMXBeans().stream()
                .mapToLong(GarbageCollectorMXBean::getCollectionTime).filter(c -> c > 0).sum();
    }
}
