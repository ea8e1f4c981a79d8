package com.rxflow.gateway.auth;

import java.util.List;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Puts the API behind channel-client keys. Only {@code /api/**} is guarded: the Actuator
 * endpoints stay open for probes and metrics scrapers.
 */
@Configuration(proxyBeanMethods = false)
public class ApiKeyWebConfiguration implements WebMvcConfigurer {

    static final String GUARDED_PATHS = "/api/**";

    private final ChannelClients clients;

    public ApiKeyWebConfiguration(ChannelClients clients) {
        this.clients = clients;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(new ApiKeyInterceptor(clients)).addPathPatterns(GUARDED_PATHS);
    }

    @Override
    public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
        resolvers.add(new AuthenticatedClientResolver());
    }
}
