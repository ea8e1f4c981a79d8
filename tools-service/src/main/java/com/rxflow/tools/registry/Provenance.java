package com.rxflow.tools.registry;

import java.util.Objects;

/**
 * Which data answered a tool, so a pharmacist or auditor can tell what a reply was based on.
 *
 * @param dataSource the system or bundle that answered, for example {@code bundled-demo-data}
 * @param dataVersion the version of that source's data
 */
public record Provenance(String dataSource, String dataVersion) {

    public Provenance {
        Objects.requireNonNull(dataSource, "dataSource");
        Objects.requireNonNull(dataVersion, "dataVersion");
    }
}
