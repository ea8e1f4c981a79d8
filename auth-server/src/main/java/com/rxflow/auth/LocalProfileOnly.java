package com.rxflow.auth;

import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.context.EnvironmentAware;
import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;
import org.springframework.stereotype.Component;

/**
 * Stops the context before any bean or the web server exists unless the {@code local} profile is
 * active: this server's users and their passwords are documented, so it must never stand in for a
 * real identity provider.
 */
@Component
final class LocalProfileOnly implements BeanFactoryPostProcessor, EnvironmentAware {

    static final String REFUSAL = "auth-server is RxFlow's local development sign-in (documented demo users "
            + "and passwords) and starts only with the 'local' profile. Outside local development, point the "
            + "gateway at the pharmacy's identity provider by its issuer URI instead (see auth-server/README.md).";

    private Environment environment;

    @Override
    public void setEnvironment(Environment environment) {
        this.environment = environment;
    }

    @Override
    public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) {
        if (!environment.acceptsProfiles(Profiles.of("local"))) {
            throw new IllegalStateException(REFUSAL);
        }
    }
}
