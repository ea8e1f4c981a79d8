package com.rxflow.processor;

import java.time.Duration;
import java.time.ZoneId;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

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
 */
@ConfigurationProperties("rxflow.processor")
public record ProcessorProperties(@DefaultValue("PT30M") Duration idleTimeout, @DefaultValue("PT20S") Duration toolTimeout,
        @DefaultValue("PT2M") Duration pharmacistWaitNotice, @DefaultValue("America/Chicago") ZoneId zone,
        @DefaultValue("PT1S") Duration punctuateInterval, @DefaultValue Model model) {

    /**
     * @param mode    off (the default: no model), shadow or primary; {@code LLM_MODE}
     * @param timeout how long a message waits for the model in primary mode
     */
    public record Model(@DefaultValue("off") ModelMode mode, @DefaultValue("PT5S") Duration timeout) {
    }

    WorkflowPolicy policy() {
        return new WorkflowPolicy(idleTimeout, toolTimeout, pharmacistWaitNotice, zone,
                WorkflowPolicy.defaults().earlyRefillThreshold()).withModel(model.mode(), model.timeout());
    }
}
