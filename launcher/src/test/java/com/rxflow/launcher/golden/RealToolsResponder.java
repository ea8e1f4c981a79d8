package com.rxflow.launcher.golden;

import java.time.Instant;

import org.springframework.boot.Banner;
import org.springframework.boot.WebApplicationType;
import org.springframework.context.ConfigurableApplicationContext;

import com.rxflow.events.tool.ToolCommand;
import com.rxflow.events.tool.ToolResult;
import com.rxflow.processor.conversation.ToolResponder;
import com.rxflow.tools.ToolsServiceApplication;
import com.rxflow.tools.invocation.Answer;
import com.rxflow.tools.invocation.ToolCommandHandler;

/**
 * tools-service's own command handler over its bundled data, answering the processor's tool
 * commands in-process: the golden transcripts then run on the data the tools issue ships, not on
 * test fixtures. The service's Kafka listener and topic creation stay off; only its handler runs.
 */
final class RealToolsResponder implements ToolResponder, AutoCloseable {

    private final ConfigurableApplicationContext tools;
    private final ToolCommandHandler handler;

    RealToolsResponder() {
        tools = ToolsServiceApplication.application()
                .web(WebApplicationType.NONE)
                .logStartupInfo(false)
                .bannerMode(Banner.Mode.OFF)
                .run("--spring.kafka.bootstrap-servers=127.0.0.1:9",
                        "--spring.kafka.listener.auto-startup=false",
                        "--spring.kafka.admin.auto-create=false",
                        "--spring.kafka.admin.fail-fast=false",
                        // no broker here: the schema store would now give up after one wait, but its
                        // producer would still reconnect to the absent broker and fill the test log
                        "--rxflow.kafka.schema-store.enabled=false",
                        // tools-service refuses to start without its service key outside the local profile
                        "--rxflow.service-key=golden-transcripts-service-key-0123456789");
        handler = tools.getBean(ToolCommandHandler.class);
    }

    @Override
    public boolean answers(ToolCommand command) {
        return true;
    }

    @Override
    public ToolResult answer(ToolCommand command, Instant now) {
        return handler.handle(command).map(Answer::result)
                .orElseThrow(() -> new IllegalStateException("tools-service skipped " + command));
    }

    @Override
    public void close() {
        tools.close();
    }
}
