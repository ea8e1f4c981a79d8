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

    public static final String TOOLS = "tools-service";
    public static final String ESCALATION = "escalation-service";
    public static final String PROCESSOR = "conversation-processor";
    public static final String GATEWAY = "gateway";
    /** The service names, in start order. */
    public static final List<String> NAMES = List.of(TOOLS, ESCALATION, PROCESSOR, GATEWAY);

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
        String processorUrl = "http://localhost:" + processorPort;
        return List.of(named(TOOLS, toolsPort, processorUrl, customize),
                named(ESCALATION, escalationPort, processorUrl, customize),
                named(PROCESSOR, processorPort, processorUrl, customize),
                named(GATEWAY, gatewayPort, processorUrl, customize));
    }

    /**
     * One service by name, for {@code rxflow service} which runs each in a process of its own.
     *
     * @param processorUrl where the gateway reads conversation state (ignored by the other services)
     */
    public static ServiceDefinition named(String name, int port, String processorUrl) {
        return named(name, port, processorUrl, UnaryOperator.identity());
    }

    private static ServiceDefinition named(String name, int port, String processorUrl,
            UnaryOperator<SpringApplicationBuilder> customize) {
        switch (name) {
            case TOOLS:
                return ServiceDefinition.springBoot(TOOLS, port,
                        () -> customize.apply(ToolsServiceApplication.application()), NO_API_DOCS);
            case ESCALATION:
                return ServiceDefinition.springBoot(ESCALATION, port,
                        () -> customize.apply(EscalationServiceApplication.application()));
            case PROCESSOR:
                return ServiceDefinition.springBoot(PROCESSOR, port,
                        () -> customize.apply(ConversationProcessorApplication.application()), NO_API_DOCS);
            case GATEWAY:
                return ServiceDefinition.springBoot(GATEWAY, port,
                        () -> customize.apply(GatewayApplication.application()),
                        Map.of("rxflow.gateway.processor-url", processorUrl));
            default:
                throw new IllegalArgumentException("No service called " + name + "; the services are " + NAMES);
        }
    }
}
