package com.rxflow.launcher.broker;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Properties;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.config.YamlPropertiesFactoryBean;
import org.springframework.core.io.ClassPathResource;

import com.rxflow.platform.kafka.access.KafkaClient;
import com.rxflow.platform.kafka.access.KafkaClients;

/**
 * The group ids, application ids and transactional ids the ACLs are generated for are those the
 * services' own configuration files give them: a renamed group would otherwise be refused by the
 * secure broker. (The launcher is the one module with every service's configuration on its classpath.)
 */
class KafkaClientsTest {

    @Test
    void theGatewaysPerInstanceGroupStartsWithItsDeclaredPrefix() {
        assertThat(setting("gateway.yml", "spring.kafka.consumer.group-id"))
                .startsWith(KafkaClients.GATEWAY.groupPrefixes().iterator().next());
    }

    @Test
    void toolsServiceUsesItsDeclaredGroupAndTransactionalIdPrefix() {
        assertThat(KafkaClients.TOOLS.groups()).containsExactly(setting("tools-service.yml", "spring.kafka.consumer.group-id"));
        assertThat(setting("tools-service.yml", "spring.kafka.producer.transaction-id-prefix"))
                .startsWith(KafkaClients.TOOLS.transactionalIdPrefixes().iterator().next());
        assertThat(setting("tools-service.yml", "rxflow.tools.invocation.request-log.topic"))
                .startsWith(KafkaClients.TOOLS.internalTopicPrefix());
    }

    @Test
    void theStreamsServicesGroupsAreTheirApplicationIds() {
        assertStreams(KafkaClients.PROCESSOR, "conversation-processor.yml");
        assertStreams(KafkaClients.ESCALATION, "escalation-service.yml");
    }

    private static void assertStreams(KafkaClient client, String file) {
        String applicationId = setting(file, "spring.kafka.streams.application-id");
        assertThat(client.groups()).containsExactly(applicationId);
        assertThat(client.transactionalIdPrefixes()).containsExactly(applicationId + "-");
        assertThat(client.internalTopicPrefix()).isEqualTo(applicationId + "-");
    }

    private static String setting(String file, String key) {
        YamlPropertiesFactoryBean yaml = new YamlPropertiesFactoryBean();
        yaml.setResources(new ClassPathResource(file));
        Properties properties = yaml.getObject();
        assertThat(properties).as(file).containsKey(key);
        return properties.getProperty(key);
    }
}
