package com.rxflow.launcher;

import java.util.List;
import java.util.Map;

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
     * The gateway's OpenAPI library is on the launcher's one classpath, so it would document every
     * service's internal endpoints too; only the gateway's API is public.
     */
    static final Map<String, Object> NO_API_DOCS = Map.of(
            "springdoc.api-docs.enabled", false, "springdoc.swagger-ui.enabled", false);

    public static List<ServiceDefinition> all(int gatewayPort, int escalationPort, int processorPort, int toolsPort) {
        String processorUrl = "http://localhost:" + processorPort;
        return List.of(named(TOOLS, toolsPort, processorUrl), named(ESCALATION, escalationPort, processorUrl),
                named(PROCESSOR, processorPort, processorUrl), named(GATEWAY, gatewayPort, processorUrl));
    }

    /**
     * One service by name, for {@code rxflow service} which runs each in a process of its own.
     *
     * @param processorUrl where the gateway reads conversation state (ignored by the other services)
     */
    public static ServiceDefinition named(String name, int port, String processorUrl) {
        switch (name) {
            case TOOLS:
                return ServiceDefinition.springBoot(TOOLS, port, ToolsServiceApplication::application, NO_API_DOCS);
            case ESCALATION:
                return ServiceDefinition.springBoot(ESCALATION, port, EscalationServiceApplication::application,
                        NO_API_DOCS);
            case PROCESSOR:
                return ServiceDefinition.springBoot(PROCESSOR, port, ConversationProcessorApplication::application,
                        NO_API_DOCS);
            case GATEWAY:
                return ServiceDefinition.springBoot(GATEWAY, port, GatewayApplication::application,
                        Map.of("rxflow.gateway.processor-url", processorUrl));
            default:
                throw new IllegalArgumentException("No service called " + name + "; the services are " + NAMES);
        }
    }
}
