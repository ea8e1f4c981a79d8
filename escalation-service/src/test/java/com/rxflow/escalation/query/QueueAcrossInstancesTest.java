package com.rxflow.escalation.query;

import static com.rxflow.escalation.cases.EscalationCommandBuilder.anEscalation;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.HostInfo;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.kafka.config.StreamsBuilderFactoryBean;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.utils.KafkaTestUtils;

import com.rxflow.escalation.EscalationServiceApplication;
import com.rxflow.escalation.EscalationServiceTest;
import com.rxflow.escalation.StaffClient;
import com.rxflow.escalation.stream.EscalationCaseStore;
import com.rxflow.events.escalation.EscalationCommand;
import com.rxflow.platform.security.ServiceKey;
import com.rxflow.schemas.topic.TopicCatalogue;
import com.rxflow.state.EscalationCase;

import tools.jackson.databind.JsonNode;

/**
 * Two instances of the service share the queue's partitions, each with a standby replica of the
 * other's: each lists every case (its own and, through the other, the rest), a pharmacist's action
 * sent through one instance is applied by the other when that one owns the case, and when one
 * instance dies the other lists its part from its standby copies. The two run on topics of their
 * own on the shared broker, so the module's other tests are not rebalanced under their feet. The
 * instance killed last is killed for good, so that test runs last.
 */
@EscalationServiceTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class QueueAcrossInstancesTest {

    private static final String COMMANDS = "fanout.escalation-commands";

    private final EmbeddedKafkaBroker broker;
    private final List<ConfigurableApplicationContext> instances = new ArrayList<>();
    private final List<StaffClient> clients = new ArrayList<>();
    private final List<Integer> ports = new ArrayList<>();

    @Autowired
    QueueAcrossInstancesTest(EmbeddedKafkaBroker broker) {
        this.broker = broker;
    }

    @BeforeAll
    void startTwoInstances() {
        String run = UUID.randomUUID().toString();
        for (String instance : List.of("b", "c")) {
            int port = freePort();
            ports.add(port);
            instances.add(EscalationServiceApplication.application().run(
                    "--spring.kafka.bootstrap-servers=" + broker.getBrokersAsString(),
                    "--server.port=" + port,
                    "--spring.kafka.streams.application-id=rxflow-escalation-fanout-" + run,
                    "--rxflow.instance-id=" + instance,
                    "--rxflow.streams.state-dir=target/streams-state/fanout/" + run + "/" + instance,
                    "--rxflow.kafka.topics.names.escalation-commands=" + COMMANDS,
                    "--rxflow.kafka.topics.names.pharmacist-actions=fanout.pharmacist-actions",
                    "--rxflow.kafka.topics.names.escalation-events=fanout.escalation-events",
                    "--rxflow.service-key=" + EscalationServiceTest.SERVICE_KEY,
                    "--rxflow.escalation.peers.allow-plain-http=true",
                    "--spring.kafka.streams.properties.num.standby.replicas=1",
                    "--rxflow.escalation.access.users[0].username=jmartinez",
                    "--rxflow.escalation.access.users[0].password={noop}" + EscalationServiceTest.PASSWORD,
                    "--rxflow.escalation.access.users[0].display-name=Jennifer Martinez",
                    "--rxflow.escalation.access.users[0].roles=PHARMACIST"));
            clients.add(new StaffClient("http://localhost:" + port, "jmartinez", EscalationServiceTest.PASSWORD));
        }
    }

    @AfterAll
    void stopThem() {
        instances.forEach(ConfigurableApplicationContext::close);
    }

    @Test
    @Order(1)
    void eachInstanceListsTheWholeQueueAndActsOnCasesTheOtherHolds() {
        awaitReady();
        Set<String> opened = openCases("fanout", 6);

        awaitListedEverywhere(opened);
        // Kafka Streams decides how the partitions spread (a late joiner may own none for a while):
        // whatever the split, the instances hold disjoint parts that together are the whole queue,
        // so at least one instance listed cases it does not hold
        Set<String> first = held(0);
        Set<String> second = held(1);
        // (one of them may hold nothing yet: AssertJ's doesNotContainAnyElementsOf refuses an empty set)
        assertThat(java.util.Collections.disjoint(first, second)).as("the instances hold disjoint parts of the queue: "
                + first + " and " + second).isTrue();
        Set<String> both = new HashSet<>(first);
        both.addAll(second);
        assertThat(both).containsAll(opened);
        int holder = second.stream().anyMatch(opened::contains) ? 1 : 0;
        int actor = 1 - holder;
        String onTheOther = (holder == 1 ? second : first).stream().filter(opened::contains).findFirst().orElseThrow();

        StaffClient.Response claimed = clients.get(actor).post("/api/v1/cases/" + onTheOther + "/claim", null);

        assertThat(claimed.status()).isEqualTo(200);
        assertThat(claimed.json().get("owner").get("name").asString()).isEqualTo("Jennifer Martinez");
        assertThat(clients.get(actor).get("/api/v1/cases/" + onTheOther).json().get("status").asString())
                .isEqualTo("CLAIMED");
    }

    @Test
    @Order(2)
    void whenAnInstanceDiesTheOtherListsItsPartFromStandbysBeforeItsSessionExpires() {
        awaitReady();
        Set<String> opened = openCases("standby", 6);
        awaitListedEverywhere(opened);
        int dead = held(0).size() >= held(1).size() ? 0 : 1;
        int survivor = 1 - dead;
        Set<String> theirs = held(dead);
        Set<Integer> theirPartitions = activePartitions(streams(dead));
        assertThat(theirs).as("the instance to kill holds cases").isNotEmpty();
        KafkaStreams survivorStreams = streams(survivor);
        // the survivor's standby replicas have caught up with every case the other instance holds
        await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(200))
                .untilAsserted(() -> assertThat(standbyCopies(survivorStreams, theirPartitions)).containsAll(theirs));

        // as kill -9 looks to the others: no answer on its port, and still a member of the group
        // (static membership) until its session times out (45 s, Kafka's default) and its tasks move
        instances.get(dead).getBean(StreamsBuilderFactoryBean.class).setLeaveGroupOnClose(false);
        instances.get(dead).close();
        HostInfo deadHost = new HostInfo("localhost", ports.get(dead));

        StaffClient client = clients.get(survivor);
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
            StaffClient.Response queue = client.get("/api/v1/cases?status=ALL");
            assertThat(queue.status()).as(queue.body()).isEqualTo(200);
            assertThat(queue.json().get("complete").asBoolean()).as(queue.body()).isTrue();
            assertThat(ids(queue.json().get("cases"))).containsAll(opened).containsAll(theirs);
            assertThat(partitions(queue.json().get("servedFromStandby"))).isEqualTo(theirPartitions);
            assertThat(queue.json().get("unavailable").toString()).contains("localhost:" + ports.get(dead));
        });
        String one = theirs.stream().filter(opened::contains).findFirst().orElse(theirs.iterator().next());
        StaffClient.Response found = client.get("/api/v1/cases/" + one);
        assertThat(found.status()).as(found.body()).isEqualTo(200);
        assertThat(found.header("RxFlow-Replica")).isEqualTo("STANDBY");
        // an action needs the case's owner, which applies it: a standby's copy is never acted on
        assertThat(client.post("/api/v1/cases/" + one + "/claim", null).status()).isEqualTo(503);
        // all of it before the group moved the dead instance's tasks
        assertThat(survivorStreams.streamsMetadataForStore(EscalationCaseStore.NAME))
                .anySatisfy(host -> assertThat(host.hostInfo()).isEqualTo(deadHost));
    }

    private void awaitReady() {
        for (StaffClient client : clients) {
            await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(500))
                    .until(() -> client.get("/actuator/health/readiness").status() == 200);
        }
    }

    private void awaitListedEverywhere(Set<String> opened) {
        for (StaffClient client : clients) {
            await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
                StaffClient.Response queue = client.get("/api/v1/cases");
                assertThat(queue.status()).as(queue.body()).isEqualTo(200);
                assertThat(queue.json().get("complete").asBoolean()).isTrue();
                assertThat(ids(queue.json().get("cases"))).containsAll(opened);
            });
        }
    }

    private KafkaStreams streams(int instance) {
        return instances.get(instance).getBean(StreamsBuilderFactoryBean.class).getKafkaStreams();
    }

    /** The partitions of the cases store an instance owns. */
    private static Set<Integer> activePartitions(KafkaStreams streams) {
        Set<Integer> partitions = new TreeSet<>();
        streams.metadataForLocalThreads().forEach(thread -> thread.activeTasks().forEach(task ->
                task.topicPartitions().stream().filter(tp -> tp.topic().equals(COMMANDS))
                        .forEach(tp -> partitions.add(tp.partition()))));
        return partitions;
    }

    /** The case ids in an instance's copies of these partitions, stale ones (standbys) included. */
    private static Set<String> standbyCopies(KafkaStreams streams, Set<Integer> partitions) {
        Set<String> ids = new HashSet<>();
        for (int partition : partitions) {
            try (KeyValueIterator<String, EscalationCase> all = streams.store(StoreQueryParameters
                    .fromNameAndType(EscalationCaseStore.NAME, QueryableStoreTypes.<String, EscalationCase>keyValueStore())
                    .enableStaleStores().withPartition(partition)).all()) {
                all.forEachRemaining(entry -> ids.add(entry.key));
            } catch (InvalidStateStoreException e) {
                // not (yet) a copy here: the await asks again
            }
        }
        return ids;
    }

    private static Set<Integer> partitions(JsonNode numbers) {
        Set<Integer> partitions = new TreeSet<>();
        numbers.forEach(n -> partitions.add(n.asInt()));
        return partitions;
    }

    /** The cases one instance holds itself, as its peers read them (with the service key; a pharmacist may not). */
    private Set<String> held(int instance) {
        String internal = "http://localhost:" + ports.get(instance) + "/internal/cases";
        assertThat(clients.get(instance).get("/internal/cases").status()).isEqualTo(401);
        HttpClient http = HttpClient.newHttpClient();
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(internal))
                    .header(ServiceKey.HEADER, EscalationServiceTest.SERVICE_KEY).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).isEqualTo(200);
            return ids(new StaffClient.Response(response.statusCode(), response.body(), response.headers().map())
                    .json());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private Set<String> openCases(String prefix, int count) {
        Set<String> ids = new HashSet<>();
        var values = TopicCatalogue.defaults().topic(TopicCatalogue.ESCALATION_COMMANDS).valueSerde().serializer();
        try (KafkaProducer<String, EscalationCommand> producer = new KafkaProducer<>(
                KafkaTestUtils.producerProps(broker), new StringSerializer(), values)) {
            for (int i = 0; i < count; i++) {
                String conversation = prefix + "-" + i + "-" + UUID.randomUUID();
                String id = "esc-" + prefix + "-" + i + "-" + UUID.randomUUID();
                producer.send(new ProducerRecord<>(COMMANDS, conversation,
                        anEscalation().conversation(conversation).escalationId(id).build()));
                ids.add(id);
            }
        }
        return ids;
    }

    private static Set<String> ids(JsonNode cases) {
        Set<String> ids = new HashSet<>();
        cases.forEach(c -> ids.add(c.get("escalationId").asString()));
        return ids;
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
