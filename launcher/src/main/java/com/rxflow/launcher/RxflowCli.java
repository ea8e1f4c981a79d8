package com.rxflow.launcher;

import java.util.Comparator;
import java.util.List;
import java.util.ServiceLoader;

import com.rxflow.launcher.audit.AuditCommand;
import com.rxflow.launcher.broker.KafkaAccessCommand;
import com.rxflow.launcher.channel.ChannelAssertionCommand;
import com.rxflow.launcher.channel.PatientEventCommand;
import com.rxflow.launcher.chat.ChatCommand;
import com.rxflow.launcher.identity.TokenCommand;
import com.rxflow.launcher.phi.ForgetPatientCommand;
import com.rxflow.launcher.phi.RewrapPatientKeysCommand;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/**
 * The {@code rxflow} command: one entry point for everything a developer does with RxFlow on their
 * own machine: {@code rxflow up} runs RxFlow, {@code rxflow chat} talks to it, {@code rxflow token} signs in
 * for curl and scripts, {@code rxflow patient-event} writes what a channel that speaks Kafka produces,
 * {@code rxflow channel-assertion} signs what a channel that speaks HTTP presents, {@code rxflow bench}
 * and {@code rxflow chaos} measure it under load and under failures, {@code rxflow audit verify} checks
 * the audit trail's hash chains, {@code rxflow kafka-access} puts the services' Kafka users and ACLs on
 * a deployment's cluster, {@code rxflow service} and {@code rxflow broker} run one part alone.
 * {@code bench} and {@code chaos} live in the {@code load} module, which depends on the launcher: they
 * are {@link PluggedCommand}s, found on the classpath when the command line is built.
 */
@Command(name = "rxflow", synopsisSubcommandLabel = "COMMAND",
        description = "RxFlow, the event-driven pharmacy assistant, on your machine.")
public final class RxflowCli implements Runnable {

    @Spec
    private CommandSpec spec;

    @Option(names = {"-h", "--help"}, usageHelp = true, scope = ScopeType.INHERIT,
            description = "Show this help and exit.")
    private boolean help;

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The command line with RxFlow's error reporting, for {@link #main} and for tests. */
    public static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new RxflowCli());
        // the usage lists the commands in this order: what a developer runs first, then the tools
        for (Object command : List.of(new UpCommand(), new ChatCommand(), new TokenCommand(), new PatientEventCommand(),
                new ChannelAssertionCommand())) {
            cli.addSubcommand(command);
        }
        pluggedCommands().forEach(cli::addSubcommand);
        for (Object command : List.of(new AuditCommand(), new KafkaAccessCommand(), new ForgetPatientCommand(),
                new RewrapPatientKeysCommand(), new ServiceCommand(), new BrokerCommand())) {
            cli.addSubcommand(command);
        }
        // set after the subcommands are added: picocli passes the handler down only to those already there
        return cli.setExecutionExceptionHandler((failure, commandLine, parseResult) -> {
            // A developer needs the reason (a busy port, a locked data folder), not a stack trace.
            commandLine.getErr().println("rxflow " + commandLine.getCommandName() + ": " + reasons(failure));
            return commandLine.getCommandSpec().exitCodeOnExecutionException();
        });
    }

    /** The {@link PluggedCommand}s on the classpath, by command name (bench, chaos). */
    private static List<PluggedCommand> pluggedCommands() {
        return ServiceLoader.load(PluggedCommand.class).stream().map(ServiceLoader.Provider::get)
                .sorted(Comparator.comparing(command -> command.getClass().getAnnotation(Command.class).name()))
                .toList();
    }

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "Missing command");
    }

    private static String reasons(Throwable failure) {
        StringBuilder reasons = new StringBuilder(String.valueOf(failure.getMessage()));
        for (Throwable cause = failure.getCause(); cause != null; cause = cause.getCause()) {
            if (cause.getMessage() != null && !reasons.toString().contains(cause.getMessage())) {
                reasons.append(": ").append(cause.getMessage());
            }
        }
        return reasons.toString();
    }
}
