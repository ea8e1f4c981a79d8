package com.rxflow.tools.invocation;

import java.util.List;

import com.rxflow.events.tool.ToolResult;
import com.rxflow.tools.registry.Publication;

/**
 * What one command is answered with: its result for the conversation and the records its tool
 * publishes for others (an order for the pharmacy), all written in one transaction.
 */
public record Answer(ToolResult result, List<Publication> publications) {

    public Answer {
        publications = List.copyOf(publications);
    }
}
