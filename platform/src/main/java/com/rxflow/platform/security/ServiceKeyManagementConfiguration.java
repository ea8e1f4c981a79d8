package com.rxflow.platform.security;

import org.springframework.boot.actuate.autoconfigure.web.ManagementContextConfiguration;
import org.springframework.boot.actuate.autoconfigure.web.ManagementContextType;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/**
 * Guards Actuator's own port (the child context Boot starts when {@code management.server.port}
 * differs from {@code server.port}) with the {@link ServiceKeyFilter}, as the service's port is:
 * nothing there changes without the service key. The key is the parent context's.
 */
@ManagementContextConfiguration(value = ManagementContextType.CHILD, proxyBeanMethods = false)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnBean(ServiceKey.class)
public class ServiceKeyManagementConfiguration {

    @Bean
    FilterRegistrationBean<ServiceKeyFilter> managementServiceKeyFilter(ServiceKey key, Environment environment) {
        return ServiceKeyConfiguration.registration(key, environment);
    }
}
