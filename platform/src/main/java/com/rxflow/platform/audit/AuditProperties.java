package com.rxflow.platform.audit;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How accesses to patient data are recorded ({@code rxflow.audit.*}).
 *
 * @param failClosed true (default): "no audit, no read". An access that cannot be written to
 *                   audit-access within {@code timeout} fails the request that needed it
 *                   ({@link AuditUnavailableException}, answered 503). False: the request is served
 *                   and the lost record is logged and counted ({@code rxflow.audit.unrecorded})
 * @param timeout    how long a request waits for the broker to acknowledge its access record
 */
@ConfigurationProperties("rxflow.audit")
public record AuditProperties(@DefaultValue("true") boolean failClosed, @DefaultValue("2s") Duration timeout) {
}
