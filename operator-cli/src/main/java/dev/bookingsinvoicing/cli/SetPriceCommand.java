package dev.bookingsinvoicing.cli;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;

import dev.bookingsinvoicing.commands.SetBookingPrice;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code set-price --bookings id1,id2 --unit-price 45.00 [--quantity 1.5]}: price bookings that need a price. */
@Command(name = "set-price", mixinStandardHelpOptions = true,
        description = "Give a price to bookings that need one (price varies, call us, not set); they become ready.")
final class SetPriceCommand implements Callable<Integer> {

    @Option(names = "--bookings", required = true, split = ",", paramLabel = "BOOKING",
            description = "The bookings, comma-separated, each as list shows it in its BOOKING column.")
    List<String> bookingIds;

    @Option(names = "--unit-price", required = true, paramLabel = "AMOUNT",
            description = "The price of one unit, e.g. 45.00.")
    BigDecimal unitPrice;

    @Option(names = "--quantity", description = "How many units, e.g. 1.5. Default: 1.")
    BigDecimal quantity;

    @Mixin
    CommandOptions options;

    @ParentCommand
    OperatorCli cli;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        return CommandChannel.run(cli, spec, "Pricing " + bookingIds.size() + " booking(s) at " + unitPrice
                + (quantity == null ? "" : " x " + quantity), options.commandId, toCommand(Instant.now()));
    }

    /** Amounts are sent at the schema's scales (unit price 2, quantity 4), rounded half up. */
    SetBookingPrice toCommand(Instant now) {
        return new SetBookingPrice(options.commandId, now, options.issuedBy, bookingIds,
                unitPrice.setScale(2, RoundingMode.HALF_UP),
                quantity == null ? null : quantity.setScale(4, RoundingMode.HALF_UP));
    }
}
