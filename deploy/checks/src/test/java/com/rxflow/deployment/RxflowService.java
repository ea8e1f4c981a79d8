package com.rxflow.deployment;

import java.util.Arrays;
import java.util.List;

import org.springframework.context.annotation.Import;

import com.rxflow.escalation.EscalationServiceApplication;
import com.rxflow.gateway.GatewayApplication;
import com.rxflow.platform.streams.StreamsPlatformConfiguration;
import com.rxflow.processor.ConversationProcessorApplication;
import com.rxflow.tools.ToolsServiceApplication;

/**
 * The four services a deployment runs, known by their service name (their config file's name,
 * their compose service, their Kubernetes workload) and their application class.
 */
enum RxflowService {

    GATEWAY("gateway", GatewayApplication.class),
    CONVERSATION_PROCESSOR("conversation-processor", ConversationProcessorApplication.class),
    TOOLS_SERVICE("tools-service", ToolsServiceApplication.class),
    ESCALATION_SERVICE("escalation-service", EscalationServiceApplication.class);

    private final String serviceName;
    private final Class<?> application;

    RxflowService(String serviceName, Class<?> application) {
        this.serviceName = serviceName;
        this.application = application;
    }

    String serviceName() {
        return serviceName;
    }

    Class<?> application() {
        return application;
    }

    /** The service's own package: where its configuration-reading classes live. */
    String basePackage() {
        return application.getPackageName();
    }

    /** A Kafka Streams service: it keeps state in {@code rxflow.streams.state-dir}. */
    boolean streams() {
        Import imports = application.getAnnotation(Import.class);
        return imports != null && Arrays.asList(imports.value()).contains(StreamsPlatformConfiguration.class);
    }

    static List<String> names() {
        return Arrays.stream(values()).map(RxflowService::serviceName).toList();
    }

    static RxflowService named(String name) {
        return Arrays.stream(values()).filter(s -> s.serviceName.equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no RxFlow service " + name));
    }

    @Override
    public String toString() {
        return serviceName;
    }
}
