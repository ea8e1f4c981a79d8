package com.rxflow.processor;

import java.time.Duration;
import java.time.ZoneId;

import jakarta.validation.constraints.NotNull;

import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import com.rxflow.processor.conversation.ClosedConversations;
import com.rxflow.processor.conversation.workflow.WorkflowPolicy;
import com.rxflow.processor.conversation.workflow.WorkflowPolicy.ModelMode;

/**
 * The processor's settings ({@code rxflow.processor.*}).
 *
 * @param idleTimeout          a conversation with no activity for this long is closed
 * @param toolTimeout          an unanswered tool call is retried once after this long, then given up
 * @param pharmacistWaitNotice a patient waiting this long for a pharmacist is told the expected wait
 * @param zone                 the pharmacy's time zone, for pickup times in replies
 * @param punctuateInterval    how often due timers are looked for
 * @param model                how a language model's interpretation is used ({@code rxflow.processor.model.*})
 * @param closedRetention      how long a closed conversation stays in the store (and readable through the
 *                             query API) after its last change; then it is deleted, with a tombstone on the
 *                             changelog. At least an hour
 * @param closedSweepInterval  how often a slice of the store is looked at for closed conversations past retention
 */
@ConfigurationProperties("rxflow.processor")
@Validated
public record ProcessorProperties(@DefaultValue("PT30M") Duration idleTimeout, @DefaultValue("PT20S") Duration toolTimeout,
        @DefaultValue("PT2M") Duration pharmacistWaitNotice, @DefaultValue("America/Chicago") ZoneId zone,
        @DefaultValue("PT1S") Duration punctuateInterval, @DefaultValue Model model,
        @NotNull @DurationMin(hours = 1) @DefaultValue("P30D") Duration closedRetention,
        @NotNull @DurationMin(seconds = 1) @DefaultValue("PT1M") Duration closedSweepInterval) {

    /**
     * @param mode    off (the default: no model), shadow or primary; {@code LLM_MODE}
     * @param timeout how long a message waits for the model in primary mode
     */
    public record Model(@DefaultValue("off") ModelMode mode, @DefaultValue("PT5S") Duration timeout) {
    }

    ClosedConversations.Retention closed() {
        return new ClosedConversations.Retention(closedRetention, closedSweepInterval);
    }

    WorkflowPolicy policy() {
        return new WorkflowPolicy(idleTimeout, toolTimeout, pharmacistWaitNotice, zone,
                WorkflowPolicy.defaults().earlyRefillThreshold()).withModel(model.mode(), model.timeout());
    }
}
