package com.rxflow.gateway.auth;

import java.util.List;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

import com.rxflow.gateway.ratelimit.RateLimitInterceptor;
import com.rxflow.gateway.ratelimit.RateLimits;

/**
 * Hands controllers the authenticated {@link Caller} and counts every API request against its
 * caller's rate limit (authentication itself is the security filter chain's, which runs first, so
 * only authenticated callers have buckets).
 */
@Configuration(proxyBeanMethods = false)
public class CallerWebConfiguration implements WebMvcConfigurer {

    private final RateLimits limits;

    public CallerWebConfiguration(RateLimits limits) {
        this.limits = limits;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(new RateLimitInterceptor(limits)).addPathPatterns(GatewaySecurityConfiguration.API_PATHS);
    }

    @Override
    public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
        resolvers.add(new CallerResolver());
    }
}
