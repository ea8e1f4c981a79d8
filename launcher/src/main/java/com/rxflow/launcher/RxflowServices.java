package com.rxflow.launcher;

import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

import org.springframework.boot.builder.SpringApplicationBuilder;

import com.rxflow.escalation.EscalationServiceApplication;
import com.rxflow.gateway.GatewayApplication;
import com.rxflow.processor.ConversationProcessorApplication;
import com.rxflow.tools.ToolsServiceApplication;

/**
 * RxFlow's four services as the launcher runs them, in start order: the services that answer
 * commands first, then the processor that sends them, then the gateway that lets patients in.
 */
public final class RxflowServices {

    private RxflowServices() {
    }

    /**
     * The OpenAPI library is on the launcher's one classpath, so it would document the internal
     * endpoints of the services that have no public API; the gateway and escalation-service
     * document theirs ({@code /api/**} only).
     */
    static final Map<String, Object> NO_API_DOCS = Map.of(
            "springdoc.api-docs.enabled", false, "springdoc.swagger-ui.enabled", false);

    public static List<ServiceDefinition> all(int gatewayPort, int escalationPort, int processorPort, int toolsPort) {
        return all(gatewayPort, escalationPort, processorPort, toolsPort, UnaryOperator.identity());
    }

    /**
     * As {@link #all(int, int, int, int)}, each service's application builder passed through
     * {@code customize} first (tests add a span exporter, for example).
     */
    public static List<ServiceDefinition> all(int gatewayPort, int escalationPort, int processorPort, int toolsPort,
            UnaryOperator<SpringApplicationBuilder> customize) {
        return List.of(
                ServiceDefinition.springBoot("tools-service", toolsPort,
                        () -> customize.apply(ToolsServiceApplication.application()), NO_API_DOCS),
                ServiceDefinition.springBoot("escalation-service", escalationPort,
                        () -> customize.apply(EscalationServiceApplication.application())),
                ServiceDefinition.springBoot("conversation-processor", processorPort,
                        () -> customize.apply(ConversationProcessorApplication.application()), NO_API_DOCS),
                ServiceDefinition.springBoot("gateway", gatewayPort,
                        () -> customize.apply(GatewayApplication.application()),
                        Map.of("rxflow.gateway.processor-url", "http://localhost:" + processorPort)));
    }
}
