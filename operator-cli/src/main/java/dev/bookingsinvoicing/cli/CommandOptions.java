package dev.bookingsinvoicing.cli;

import java.util.UUID;

import picocli.CommandLine.Option;

/** The options every command-sending subcommand shares: its id (for idempotent re-sends) and who asks. */
final class CommandOptions {

    @Option(names = "--command-id", description = "Id of the command; re-using one re-reads its result. Default: a new UUID.")
    String commandId = UUID.randomUUID().toString();

    @Option(names = "--issued-by", defaultValue = "${sys:user.name}", description = "Who asks. Default: ${DEFAULT-VALUE}.")
    String issuedBy;
}
