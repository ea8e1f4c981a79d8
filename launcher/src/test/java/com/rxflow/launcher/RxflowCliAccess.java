package com.rxflow.launcher;

import picocli.CommandLine;

/** The {@code rxflow} command line with its error handling, for tests in other packages. */
public final class RxflowCliAccess {

    private RxflowCliAccess() {
    }

    public static CommandLine commandLine() {
        return RxflowCli.commandLine();
    }
}
