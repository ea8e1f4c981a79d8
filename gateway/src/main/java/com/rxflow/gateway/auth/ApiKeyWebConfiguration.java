package com.rxflow.gateway.auth;

import java.util.List;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

import com.rxflow.gateway.ratelimit.RateLimitInterceptor;
import com.rxflow.gateway.ratelimit.RateLimits;

/**
 * Puts the API behind channel-client keys and their rate limits. Only {@code /api/**} is guarded:
 * the Actuator endpoints, the web chat's static files and the OpenAPI document stay open.
 */
@Configuration(proxyBeanMethods = false)
public class ApiKeyWebConfiguration implements WebMvcConfigurer {

    static final String GUARDED_PATHS = "/api/**";

    private final ChannelClients clients;
    private final RateLimits limits;

    public ApiKeyWebConfiguration(ChannelClients clients, RateLimits limits) {
        this.clients = clients;
        this.limits = limits;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        // in this order: only an authenticated key is counted against its limit
        registry.addInterceptor(new ApiKeyInterceptor(clients)).addPathPatterns(GUARDED_PATHS);
        registry.addInterceptor(new RateLimitInterceptor(limits)).addPathPatterns(GUARDED_PATHS);
    }

    @Override
    public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
        resolvers.add(new AuthenticatedClientResolver());
    }
}
