package dev.bookingsinvoicing.cli;

import java.util.UUID;

import picocli.CommandLine.Option;

/** The options every command-sending subcommand shares: its id (for idempotent re-sends) and who asks. */
final class CommandOptions {

    @Option(names = "--command-id", paramLabel = "ID", description = "The command's id: the same command again with "
            + "the same id reads its result and acts no second time. Default: a new one (printed).")
    String commandId = UUID.randomUUID().toString();

    @Option(names = "--issued-by", paramLabel = "NAME", defaultValue = "${sys:user.name}",
            description = "Who asks, as the command history shows it. Default: ${DEFAULT-VALUE}.")
    String issuedBy;
}
