package dev.bookingsinvoicing.cli;

import java.time.Instant;
import java.util.Locale;
import java.util.concurrent.Callable;

import dev.bookingsinvoicing.commands.ResolveCorrection;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code correction credit|accept CO-...}: resolve a correction of an invoiced booking. */
@Command(name = "correction", mixinStandardHelpOptions = true,
        description = { "Resolve a correction of an invoiced booking (one cancelled, or changed after it was put on a "
                + "draft invoice; GET /api/corrections?status=OPEN or the page's Corrections list them).",
                "credit: a draft credit note for the line as invoiced; the booking returns to Bookings Not Invoiced "
                        + "if it can still be invoiced. accept: the invoice stays as it is. A correction is resolved "
                        + "once: resolving it again is rejected (exit code 5)." })
final class CorrectionCommand implements Callable<Integer> {

    /** What to do with the correction. */
    enum Resolution {
        credit, accept
    }

    @Parameters(index = "0", paramLabel = "credit|accept", description = "credit or accept.")
    Resolution resolution;

    @Parameters(index = "1", paramLabel = "CORRECTION_ID", description = "The correction (CO-...).")
    String correctionId;

    @Option(names = "--reason", paramLabel = "TEXT", description = "Why, for the credit note and the history.")
    String reason;

    @Mixin
    CommandOptions options;

    @ParentCommand
    OperatorCli cli;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        return CommandChannel.run(cli, spec, (resolution == Resolution.credit ? "Crediting" : "Accepting")
                + " correction " + correctionId, options.commandId, toCommand(Instant.now()));
    }

    ResolveCorrection toCommand(Instant now) {
        return new ResolveCorrection(options.commandId, now, options.issuedBy, correctionId,
                resolution.name().toUpperCase(Locale.ROOT), reason);
    }
}
