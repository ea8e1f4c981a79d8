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
        return List.of(
                ServiceDefinition.springBoot("tools-service", toolsPort, ToolsServiceApplication::application,
                        NO_API_DOCS),
                ServiceDefinition.springBoot("escalation-service", escalationPort,
                        EscalationServiceApplication::application),
                ServiceDefinition.springBoot("conversation-processor", processorPort,
                        ConversationProcessorApplication::application, NO_API_DOCS),
                ServiceDefinition.springBoot("gateway", gatewayPort, GatewayApplication::application,
                        Map.of("rxflow.gateway.processor-url", "http://localhost:" + processorPort)));
    }
}
