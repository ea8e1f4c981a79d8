package com.rxflow.tools.invocation;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import com.rxflow.events.tool.ToolResult;

/**
 * The first answer to every request id, for the tool-command partitions this instance owns: what
 * makes a tool run at most once per request id, also across restarts and instances.
 *
 * <p>Its durable copy is the compacted request-log topic, co-partitioned with tool-commands (a
 * command's entry goes to the partition number of the command) and written in the same
 * transaction as the result and the command's offset. So an entry exists exactly when the
 * command's answer was committed. When this instance is assigned a tool-commands partition it
 * reads that partition of the log into memory before it reads any command
 * ({@link RequestLogLoader}); whoever owned the partition before, a redelivered command is then
 * answered from the log instead of run again.
 */
public final class RequestLog {

    private final Map<Integer, Map<String, ToolResult>> byPartition = new ConcurrentHashMap<>();

    /** The log key of a request: conversation and request id, so two conversations never collide. */
    public static String key(String conversationId, String requestId) {
        return conversationId + "/" + requestId;
    }

    public Optional<ToolResult> answered(int partition, String key) {
        Map<String, ToolResult> answers = byPartition.get(partition);
        return answers == null ? Optional.empty() : Optional.ofNullable(answers.get(key));
    }

    public void remember(int partition, String key, ToolResult result) {
        byPartition.computeIfAbsent(partition, p -> new ConcurrentHashMap<>()).putIfAbsent(key, result);
    }

    /** Replaces what is known of a partition with what its log holds. */
    public void restore(int partition, Map<String, ToolResult> answers) {
        byPartition.put(partition, new ConcurrentHashMap<>(answers));
    }

    public void forget(int partition) {
        byPartition.remove(partition);
    }

    public int size(int partition) {
        Map<String, ToolResult> answers = byPartition.get(partition);
        return answers == null ? 0 : answers.size();
    }
}
