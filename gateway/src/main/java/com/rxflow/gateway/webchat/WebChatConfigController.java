package com.rxflow.gateway.webchat;

import java.util.List;

import io.swagger.v3.oas.annotations.Hidden;

import org.springframework.context.annotation.Profile;
import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import com.rxflow.gateway.GatewayProperties;
import com.rxflow.gateway.auth.ChannelClients;

/**
 * The web chat's start-up configuration in the {@code local} profile: the documented development
 * key and the demo patients, so a developer opens http://localhost:8080/ and chats without typing a
 * key. The bean exists only in that profile, so any other deployment answers 404 and the page asks
 * for a key instead; and it refuses to hand out anything but a documented key, so a real secret
 * can never leak through it.
 */
@RestController
@Profile("local")
@Hidden
class WebChatConfigController {

    static final String PATH = "/chat/config";

    private final WebChatConfig config;

    WebChatConfigController(GatewayProperties properties) {
        GatewayProperties.WebChat webChat = properties.webChat();
        if (webChat.apiKey() != null && !ChannelClients.DOCUMENTED_KEYS.contains(webChat.apiKey())) {
            throw new IllegalStateException("rxflow.gateway.web-chat.api-key must be one of the documented local keys "
                    + ChannelClients.DOCUMENTED_KEYS + "; the web chat configuration is public");
        }
        this.config = new WebChatConfig(webChat.apiKey(), webChat.demoPatients().stream()
                .map(patient -> new WebChatConfig.Patient(patient.id(), patient.name())).toList());
    }

    @GetMapping(PATH)
    ResponseEntity<WebChatConfig> config() {
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(config);
    }

    /**
     * @param apiKey   the key the page sends as X-Api-Key
     * @param patients the patients the page offers to chat as
     */
    record WebChatConfig(String apiKey, List<Patient> patients) {

        record Patient(String id, String name) {
        }
    }
}
