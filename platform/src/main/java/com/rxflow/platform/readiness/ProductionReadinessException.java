package com.rxflow.platform.readiness;

import java.util.List;
import java.util.stream.Collectors;

/** The service refused to start in production; the message names every wrong setting. */
public class ProductionReadinessException extends IllegalStateException {

    private final transient List<ProductionRule.Violation> violations;

    public ProductionReadinessException(String service, List<ProductionRule.Violation> violations) {
        super(service + " refuses to start with the '" + ProductionReadiness.PROFILE + "' profile: "
                + violations.stream().map(ProductionRule.Violation::toString).collect(Collectors.joining("; ")));
        this.violations = List.copyOf(violations);
    }

    public List<ProductionRule.Violation> violations() {
        return violations;
    }
}
