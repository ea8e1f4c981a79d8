package com.rxflow.platform.security;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * The {@link ServiceKey} of every service, and its {@link ServiceKeyFilter} in front of the
 * service's own port. When Actuator has a port of its own ({@code management.server.port}, in the
 * deployments' profiles), {@link ServiceKeyManagementConfiguration} guards that port the same way.
 */
@Configuration(proxyBeanMethods = false)
public class ServiceKeyConfiguration {

    /** After Spring Security's chain (order -100) where a service has one, so it can mark what it authorized. */
    public static final int FILTER_ORDER = 0;

    @Bean
    ServiceKey serviceKey(@Value("${" + ServiceKey.PROPERTY + ":}") String configured, Environment environment) {
        return ServiceKey.of(configured, environment);
    }

    @Bean
    @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
    FilterRegistrationBean<ServiceKeyFilter> serviceKeyFilter(ServiceKey key, Environment environment) {
        return registration(key, environment);
    }

    static FilterRegistrationBean<ServiceKeyFilter> registration(ServiceKey key, Environment environment) {
        String actuator = environment.getProperty("management.endpoints.web.base-path", "/actuator");
        FilterRegistrationBean<ServiceKeyFilter> registration = new FilterRegistrationBean<>(
                new ServiceKeyFilter(key, actuator));
        registration.setName("rxflowServiceKeyFilter");
        registration.setOrder(FILTER_ORDER);
        return registration;
    }
}
