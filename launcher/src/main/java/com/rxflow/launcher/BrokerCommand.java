package com.rxflow.launcher;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

import com.rxflow.launcher.broker.EmbeddedBroker;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code rxflow broker}: the embedded Kafka broker alone in this process, for services started with
 * {@code rxflow service} (and for {@code rxflow chaos}, which restarts it). Runs until stopped.
 */
@Command(name = "broker", showDefaultValues = true,
        description = "Run the local Kafka broker alone in this process; Ctrl-C stops it.")
final class BrokerCommand implements Callable<Integer> {

    @Option(names = "--port", paramLabel = "PORT", defaultValue = "" + EmbeddedBroker.DEFAULT_PORT,
            description = "Kafka port on 127.0.0.1.")
    private int port;

    @Option(names = "--data-dir", paramLabel = "DIR", defaultValue = ".rxflow/kafka",
            description = "The broker's log folder; kept across restarts.")
    private Path dataDir;

    @Option(names = "--exit-with", paramLabel = "PID", description = "Stop when that process ends.")
    private Long exitWith;

    @Override
    public Integer call() throws InterruptedException {
        EmbeddedBroker broker = new EmbeddedBroker(dataDir, port).start();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            broker.close();
            stopped.countDown();
        }, "rxflow-broker-shutdown"));
        if (exitWith != null) {
            ProcessHandle.of(exitWith).ifPresentOrElse(parent -> parent.onExit().thenRun(() -> System.exit(1)),
                    () -> System.exit(1));
        }
        System.out.println("Kafka ready on " + broker.bootstrapServers() + " (" + broker.description() + ")");
        stopped.await();
        return 0;
    }
}
