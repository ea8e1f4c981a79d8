package com.rxflow.launcher.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.rxflow.events.audit.AuditAction;
import com.rxflow.events.audit.AuditActor;
import com.rxflow.events.audit.AuditActorKind;
import com.rxflow.events.audit.AuditPurpose;
import com.rxflow.events.audit.AuditPurposeKind;
import com.rxflow.events.audit.AuditRecord;
import com.rxflow.events.audit.PatientDataAccessed;
import com.rxflow.launcher.RxflowCli;
import com.rxflow.launcher.broker.EmbeddedBroker;
import com.rxflow.schemas.audit.AuditChain;
import com.rxflow.schemas.avro.AvroCodec;

class AuditVerifyCommandTest {

    private static final String TOPIC = "rxflow.audit-log";

    @Test
    void anIntactChainExitsZeroAndATamperedRecordIsReportedWithExitOne(@TempDir Path dataDir) throws Exception {
        try (EmbeddedBroker broker = new EmbeddedBroker(dataDir, 0).start()) {
            String bootstrap = broker.bootstrapServers();
            try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
                admin.createTopics(List.of(new NewTopic(TOPIC, 2, (short) 1))).all().get();
            }
            AuditRecord head = null;
            try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(
                    Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap), new StringSerializer(),
                    new ByteArraySerializer())) {
                for (int i = 0; i < 3; i++) {
                    head = AuditChain.link(head, 0, access(i));
                    producer.send(new ProducerRecord<>(TOPIC, 0, "pt-a", AvroCodec.shared().encode(head))).get();
                }
                Result intact = verify(bootstrap);
                assertThat(intact.exit()).as(intact.out()).isZero();
                assertThat(intact.out()).contains("partition 0: 3 records, last hash "
                        + com.rxflow.schemas.audit.AuditHash.hex(AuditChain.bytes(head.getHash())) + ", intact")
                        .contains("partition 1: 0 records, last hash -, intact")
                        .contains(TOPIC + ": 3 records in 2 partitions, every chain intact");

                AuditRecord forged = AuditChain.link(head, 0, access(3));
                forged.getAccess().getActor().setId("someone-else"); // changed after it was hashed
                producer.send(new ProducerRecord<>(TOPIC, 0, "pt-a", AvroCodec.shared().encode(forged))).get();
            }

            Result broken = verify(bootstrap);

            assertThat(broken.exit()).isEqualTo(AuditVerifyCommand.BROKEN);
            assertThat(broken.out()).contains("partition 0: 4 records").contains("BROKEN at offset 3: HASH_MISMATCH")
                    .contains("CHAIN BROKEN");
        }
    }

    @Test
    void theDefaultTopicIsTheCataloguesAuditLog() {
        assertThat(AuditVerifyCommand.defaultTopic()).isEqualTo(TOPIC);
    }

    private static Result verify(String bootstrap) {
        StringWriter out = new StringWriter();
        int exit = RxflowCli.commandLine().setOut(new PrintWriter(out))
                .execute("audit", "verify", "--bootstrap-servers", bootstrap, "--timeout", "30");
        return new Result(exit, out.toString());
    }

    private static PatientDataAccessed access(int i) {
        return PatientDataAccessed.newBuilder()
                .setAccessId("a" + i)
                .setOccurredAt(Instant.parse("2026-03-01T10:00:00Z"))
                .setActor(AuditActor.newBuilder().setKind(AuditActorKind.SERVICE).setId("tools-service").build())
                .setPatientPseudonym("pt-a")
                .setAction(AuditAction.TOOL_CALLED)
                .setPurpose(AuditPurpose.newBuilder().setKind(AuditPurposeKind.CONVERSATION).setId("c").build())
                .setService("tools-service")
                .build();
    }

    private record Result(int exit, String out) {
    }
}
