package dev.bookingsinvoicing.cli;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;

import dev.bookingsinvoicing.commands.SetBookingPrice;
import dev.bookingsinvoicing.schemas.DecimalFields;
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
            description = "The price of one unit, e.g. 45.00 (up to 5 decimals, as a three-decimal currency needs).")
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

    /**
     * Unit price and quantity are sent exactly (5 decimals: a three-decimal currency keeps its third), and rounded to
     * the first version's scales (2 and 4) for services that read only those.
     */
    SetBookingPrice toCommand(Instant now) {
        return new SetBookingPrice(options.commandId, now, options.issuedBy, bookingIds,
                DecimalFields.legacyMoney(unitPrice), DecimalFields.legacyQuantity(quantity),
                DecimalFields.exact(unitPrice), DecimalFields.exact(quantity));
    }
}
