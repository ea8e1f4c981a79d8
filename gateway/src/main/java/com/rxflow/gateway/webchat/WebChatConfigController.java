package com.rxflow.gateway.webchat;

import io.swagger.v3.oas.annotations.Hidden;

import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import com.rxflow.gateway.GatewayProperties;

/**
 * The web chat's start-up configuration: where patients sign in (the identity provider's issuer)
 * and the web chat's OAuth client id. Both are public by nature; no key is ever handed to a browser.
 */
@RestController
@Hidden
class WebChatConfigController {

    static final String PATH = "/chat/config";

    private final WebChatConfig config;

    WebChatConfigController(GatewayProperties properties) {
        GatewayProperties.Identity identity = properties.identity();
        this.config = new WebChatConfig(identity.issuerUri().toString(), identity.webClientId());
    }

    @GetMapping(PATH)
    ResponseEntity<WebChatConfig> config() {
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(config);
    }

    /**
     * @param issuer   the OpenID Connect issuer the page signs the patient in with (authorization code + PKCE)
     * @param clientId the page's OAuth client id at that issuer
     */
    record WebChatConfig(String issuer, String clientId) {
    }
}
