package com.rxflow.gateway.conversation;

import java.util.Optional;

import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;

import com.rxflow.gateway.GatewayProperties;
import com.rxflow.gateway.problem.UnavailableException;
import com.rxflow.platform.security.ServiceKey;

/**
 * Asks the conversation processor's internal endpoint, which answers from its state store by
 * interactive query, presenting the service key. Timeouts come from {@code spring.http.clients.*}.
 */
@Component
class ProcessorConversationDirectory implements ConversationDirectory {

    static final String PATH = "/internal/conversations/{conversationId}";

    private final RestClient processor;

    ProcessorConversationDirectory(RestClient.Builder builder, GatewayProperties properties, ServiceKey key) {
        this.processor = builder.baseUrl(properties.processorUrl()).defaultHeader(ServiceKey.HEADER, key.value())
                .build();
    }

    @Override
    public Optional<ConversationState> find(String conversationId) {
        try {
            return processor.get()
                    .uri(PATH, conversationId)
                    .accept(MediaType.APPLICATION_JSON)
                    .exchange((request, response) -> {
                        HttpStatusCode status = response.getStatusCode();
                        if (status.isSameCodeAs(HttpStatus.NOT_FOUND)) {
                            return Optional.empty();
                        }
                        if (status.is2xxSuccessful()) {
                            return Optional.ofNullable(response.bodyTo(ConversationState.class));
                        }
                        // 503 while the store restores or rebalances, anything else is no better for the caller
                        throw new UnavailableException("The conversation processor answered " + status.value() + ".");
                    });
        } catch (RestClientException e) {
            throw new UnavailableException("The conversation processor cannot be reached.", e);
        }
    }
}
