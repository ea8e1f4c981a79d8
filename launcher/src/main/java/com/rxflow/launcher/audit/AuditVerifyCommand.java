package com.rxflow.launcher.audit;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;

import com.rxflow.launcher.broker.EmbeddedBroker;
import com.rxflow.schemas.audit.AuditChainVerifier.PartitionReport;
import com.rxflow.schemas.topic.TopicCatalogue;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code rxflow audit verify}: recomputes the hash chain of every audit-log partition and reports,
 * per partition, how many records it holds, the last hash and the first broken link. Exits 1 when
 * any chain is broken, so a scheduled job can alert on it.
 */
@Command(name = "verify", showDefaultValues = true,
        description = "Verify the hash chains of the audit log; exit code 1 if any record was changed, removed or forged.")
public final class AuditVerifyCommand implements Callable<Integer> {

    /** The exit code when a chain is broken. */
    public static final int BROKEN = 1;

    @Spec
    private CommandSpec spec;

    @Option(names = "--bootstrap-servers", paramLabel = "HOST:PORT",
            defaultValue = "127.0.0.1:" + EmbeddedBroker.DEFAULT_PORT,
            description = "Kafka to read (the embedded broker of rxflow up by default).")
    private String bootstrapServers;

    @Option(names = "--topic", paramLabel = "NAME", defaultValue = "rxflow.audit-log",
            description = "The audit-log topic's physical name (rxflow.kafka.topics.names.audit-log).")
    private String topic;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "60",
            description = "How long to wait for the broker and to read the topic to its end.")
    private long timeoutSeconds;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        List<PartitionReport> reports = AuditLogVerification.verify(bootstrapServers, topic,
                Duration.ofSeconds(timeoutSeconds));
        boolean intact = true;
        for (PartitionReport report : reports) {
            out.println(line(report));
            intact &= report.intact();
        }
        long records = reports.stream().mapToLong(PartitionReport::count).sum();
        out.printf("%s: %d records in %d partitions, %s%n", topic, records, reports.size(),
                intact ? "every chain intact" : "CHAIN BROKEN");
        out.flush();
        return intact ? 0 : BROKEN;
    }

    static String line(PartitionReport report) {
        String head = String.format("partition %d: %d records, last hash %s", report.partition(), report.count(),
                report.lastHash() == null ? "-" : report.lastHash());
        return report.firstBreak().map(broken -> head + ", BROKEN at offset " + broken.offset() + ": "
                + broken.kind() + " (" + broken.detail() + ")").orElse(head + ", intact");
    }

    /** The default topic name, kept in step with the catalogue by a test. */
    static String defaultTopic() {
        return TopicCatalogue.defaults().name(TopicCatalogue.AUDIT_LOG);
    }
}
