package com.rxflow.platform.features;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The service's {@link FeatureFlags}, the watch on the flags file and {@code /actuator/features}.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(FeatureFlagProperties.class)
public class FeatureFlagsConfiguration {

    @Bean(destroyMethod = "close")
    FeatureFlags featureFlags(FeatureFlagProperties properties) {
        return new FeatureFlags(properties.rollouts(), properties.file());
    }

    @Bean
    FlagFileWatch flagFileWatch(FeatureFlags flags, FeatureFlagProperties properties) {
        return new FlagFileWatch(flags, properties);
    }

    @Bean
    FeaturesEndpoint featuresEndpoint(FeatureFlags flags) {
        return new FeaturesEndpoint(flags);
    }

    /** Re-reads the flags file on a daemon thread of its own, when a file is configured. */
    static final class FlagFileWatch implements DisposableBean {

        private static final Logger log = LoggerFactory.getLogger(FlagFileWatch.class);

        private final ScheduledExecutorService scheduler;

        FlagFileWatch(FeatureFlags flags, FeatureFlagProperties properties) {
            if (properties.file() == null) {
                scheduler = null;
                return;
            }
            scheduler = Executors.newSingleThreadScheduledExecutor(task -> {
                Thread thread = new Thread(task, "rxflow-feature-flags");
                thread.setDaemon(true);
                return thread;
            });
            long every = properties.refreshInterval().toMillis();
            scheduler.scheduleWithFixedDelay(() -> {
                try {
                    flags.refresh();
                } catch (RuntimeException e) {
                    // a failed check must not end the watch: the next one may succeed
                    log.warn("Could not check the feature flags file: {}", e.toString());
                }
            }, every, every, TimeUnit.MILLISECONDS);
        }

        @Override
        public void destroy() {
            if (scheduler != null) {
                scheduler.shutdownNow();
            }
        }
    }
}
