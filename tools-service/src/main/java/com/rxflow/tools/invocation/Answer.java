package com.rxflow.tools.invocation;

import java.util.List;

import com.rxflow.events.tool.ToolResult;
import com.rxflow.events.tool.ToolResultType;
import com.rxflow.tools.registry.FailureCode;
import com.rxflow.tools.registry.Publication;

/**
 * What one command is answered with: its result for the conversation and the records its tool
 * publishes for others (an order for the pharmacy), all written in one transaction.
 */
public record Answer(ToolResult result, List<Publication> publications) {

    public Answer {
        publications = List.copyOf(publications);
    }

    /**
     * Whether this is the request's answer for good, kept in the request log and given again to a
     * repeated command. An {@link FailureCode#EXPIRED} refusal is not: it belongs to one attempt
     * whose deadline passed, and a later attempt of the same request with a live deadline (the
     * caller's retry) must still be able to run the tool, once.
     */
    public boolean settlesTheRequest() {
        return !(result.getType() == ToolResultType.TOOL_FAILED
                && FailureCode.EXPIRED.name().equals(result.getFailed().getReasonCode()));
    }
}
