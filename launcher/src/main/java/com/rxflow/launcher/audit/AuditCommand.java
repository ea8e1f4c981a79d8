package com.rxflow.launcher.audit;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code rxflow audit}: the audit trail's tools; today {@code rxflow audit verify}. */
@Command(name = "audit", subcommands = AuditVerifyCommand.class, synopsisSubcommandLabel = "COMMAND",
        description = "Work with the audit trail of patient data accesses.")
public final class AuditCommand implements Runnable {

    @Spec
    private CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "Missing command (verify)");
    }
}
