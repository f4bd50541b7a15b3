package dev.bookingsinvoicing.cli;

import java.io.PrintWriter;
import java.time.Duration;

import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.TimeoutException;

import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * What an operator reads when a command fails: for a usage error, what is wrong and where the help is (not the
 * whole help); for a failure while it runs, one line and the exit code of its kind, not a stack trace (the Kafka
 * clients' own log lines are switched off in {@code simplelogger.properties}). Both on standard error.
 */
final class Failures implements IExecutionExceptionHandler, IParameterExceptionHandler {

    @Override
    public int handleParseException(ParameterException exception, String[] args) {
        CommandLine commandLine = exception.getCommandLine();
        PrintWriter err = commandLine.getErr();
        err.println(exception.getMessage());
        UnmatchedArgumentException.printSuggestions(exception, err);
        err.println("See '" + commandLine.getCommandSpec().qualifiedName() + " --help' for its options.");
        err.flush();
        return ExitCode.USAGE.code();
    }

    @Override
    public int handleExecutionException(Exception exception, CommandLine commandLine, ParseResult parseResult) {
        OperatorCli cli = OperatorCli.of(commandLine.getCommandSpec());
        CliFailure failure = explain(exception, cli.kafkaCluster(), cli.timeout);
        commandLine.getErr().println(failure.getMessage());
        commandLine.getErr().flush();
        return failure.exitCode().code();
    }

    /** The failure in the operator's words: the first cause the CLI knows, else the exception itself. */
    static CliFailure explain(Throwable exception, String cluster, Duration timeout) {
        for (Throwable cause = exception; cause != null; cause = cause.getCause()) {
            if (cause instanceof CliFailure failure) {
                return failure;
            }
            if (cause instanceof AuthenticationException) {
                return new CliFailure(ExitCode.UNREACHABLE, "The Kafka cluster at " + cluster + " refused the "
                        + "connection: " + cause.getMessage()
                        + " (check the SASL and TLS settings of --command-config)");
            }
            if (cause instanceof AuthorizationException) {
                return new CliFailure(ExitCode.FAILED, "The Kafka cluster at " + cluster + " does not allow it: "
                        + cause.getMessage());
            }
            if (cause instanceof TimeoutException) {
                return new CliFailure(ExitCode.UNREACHABLE, "No answer from the Kafka cluster at " + cluster
                        + " within " + Durations.words(timeout) + " (" + cause.getMessage() + ")");
            }
            if (cause instanceof ConfigException) {
                return cause.getMessage() != null && cause.getMessage().contains("resolvable bootstrap")
                        ? new CliFailure(ExitCode.UNREACHABLE, "Cannot find the Kafka cluster at " + cluster
                                + ": no address resolves")
                        : new CliFailure(ExitCode.USAGE, "A Kafka client setting is wrong (--command-config, "
                                + "--bootstrap-servers): " + cause.getMessage());
            }
        }
        return new CliFailure(ExitCode.FAILED, "Failed: " + exception);
    }
}
