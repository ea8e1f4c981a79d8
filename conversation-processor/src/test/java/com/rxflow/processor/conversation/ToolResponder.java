package com.rxflow.processor.conversation;

import java.time.Instant;

import com.rxflow.events.tool.ToolCommand;
import com.rxflow.events.tool.ToolResult;

/**
 * Plays tools-service for the {@link ConversationDriver}: the fixtures here, the real tool
 * handlers over the bundled data in the launcher's cross-module golden tests.
 */
public interface ToolResponder {

    /** False for a tool that stays silent (to test timeouts); its commands wait. */
    boolean answers(ToolCommand command);

    /** What tools-service answers to this command at {@code now}. */
    ToolResult answer(ToolCommand command, Instant now);
}
