package com.rxflow.launcher;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

import org.springframework.boot.builder.SpringApplicationBuilder;

import com.rxflow.auth.AuthServerApplication;
import com.rxflow.escalation.EscalationServiceApplication;
import com.rxflow.gateway.GatewayApplication;
import com.rxflow.processor.ConversationProcessorApplication;
import com.rxflow.tools.ToolsServiceApplication;

/**
 * RxFlow's services as the launcher runs them, in start order: the local sign-in first, then the
 * services that answer commands, then the processor that sends them, then the gateway that lets
 * patients in.
 */
public final class RxflowServices {

    /** The local OpenID Connect provider (development only; a deployment uses the pharmacy's own). */
    public static final String AUTH = "auth-server";
    /** Where {@code rxflow up} runs the local sign-in, and so its issuer {@code http://localhost:9000}. */
    public static final int DEFAULT_AUTH_PORT = 9000;
    public static final String TOOLS = "tools-service";
    public static final String ESCALATION = "escalation-service";
    public static final String PROCESSOR = "conversation-processor";
    public static final String GATEWAY = "gateway";
    /** The service names, in start order. */
    public static final List<String> NAMES = List.of(AUTH, TOOLS, ESCALATION, PROCESSOR, GATEWAY);

    private RxflowServices() {
    }

    /**
     * The OpenAPI library is on the launcher's one classpath, so it would document the internal
     * endpoints of the services that have no public API; the gateway and escalation-service
     * document theirs ({@code /api/**} only).
     */
    static final Map<String, Object> NO_API_DOCS = Map.of(
            "springdoc.api-docs.enabled", false, "springdoc.swagger-ui.enabled", false);

    /** The services on these ports, the local sign-in on {@value #DEFAULT_AUTH_PORT}. */
    public static List<ServiceDefinition> all(int gatewayPort, int escalationPort, int processorPort, int toolsPort) {
        return all(gatewayPort, escalationPort, processorPort, toolsPort, UnaryOperator.identity());
    }

    /**
     * As {@link #all(int, int, int, int)}, each service's application builder passed through
     * {@code customize} first (tests add a span exporter, for example).
     */
    public static List<ServiceDefinition> all(int gatewayPort, int escalationPort, int processorPort, int toolsPort,
            UnaryOperator<SpringApplicationBuilder> customize) {
        return all(gatewayPort, escalationPort, processorPort, toolsPort, DEFAULT_AUTH_PORT, customize);
    }

    /**
     * As {@link #all(int, int, int, int, UnaryOperator)}, the local sign-in on {@code authPort}: its
     * issuer is {@link #issuer(int) http://localhost:authPort}, and it sends the web chat back to the
     * gateway's port.
     */
    public static List<ServiceDefinition> all(int gatewayPort, int escalationPort, int processorPort, int toolsPort,
            int authPort, UnaryOperator<SpringApplicationBuilder> customize) {
        String processorUrl = "http://localhost:" + processorPort;
        return List.of(named(AUTH, authPort, processorUrl, gatewayPort, authPort, customize),
                named(TOOLS, toolsPort, processorUrl, gatewayPort, authPort, customize),
                named(ESCALATION, escalationPort, processorUrl, gatewayPort, authPort, customize),
                named(PROCESSOR, processorPort, processorUrl, gatewayPort, authPort, customize),
                named(GATEWAY, gatewayPort, processorUrl, gatewayPort, authPort, customize));
    }

    /** The issuer of the local sign-in on that port, as its tokens and discovery document name it. */
    public static String issuer(int authPort) {
        return "http://localhost:" + authPort;
    }

    /**
     * One service by name, for {@code rxflow service} which runs each in a process of its own.
     *
     * <p>auth-server's issuer is {@code http://localhost:port}, and it expects the web chat on the
     * gateway's default port, 8080; the gateway trusts the sign-in on its default port, 9000.
     *
     * @param processorUrl where the gateway reads conversation state (ignored by the other services)
     */
    public static ServiceDefinition named(String name, int port, String processorUrl) {
        return named(name, port, processorUrl, ServiceCommand.defaultPort(GATEWAY), DEFAULT_AUTH_PORT,
                UnaryOperator.identity());
    }

    private static ServiceDefinition named(String name, int port, String processorUrl, int gatewayPort,
            int authPort, UnaryOperator<SpringApplicationBuilder> customize) {
        switch (name) {
            case AUTH:
                Map<String, Object> auth = new LinkedHashMap<>(NO_API_DOCS);
                auth.put("rxflow.auth.issuer", issuer(port));
                auth.put("rxflow.auth.web-chat-origins",
                        "http://localhost:" + gatewayPort + ",http://127.0.0.1:" + gatewayPort);
                return ServiceDefinition.springBoot(AUTH, port, () -> customize.apply(AuthServerApplication.application()),
                        auth);
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
                        Map.of("rxflow.gateway.processor-url", processorUrl,
                                "rxflow.gateway.identity.issuer-uri", issuer(authPort)));
            default:
                throw new IllegalArgumentException("No service called " + name + "; the services are " + NAMES);
        }
    }
}
