package com.rxflow.launcher.endtoend;

import java.nio.file.Path;

import com.rxflow.launcher.broker.EmbeddedBroker;
import com.rxflow.launcher.broker.KafkaBroker;

/** The end-to-end scenarios on the launcher's own in-process KRaft broker. */
class EmbeddedBrokerEndToEndTest extends EndToEndScenarios {

    @Override
    KafkaBroker broker(Path dataDir) {
        return new EmbeddedBroker(dataDir, 0);
    }
}
