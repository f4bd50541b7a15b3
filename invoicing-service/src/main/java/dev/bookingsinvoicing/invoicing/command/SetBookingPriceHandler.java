package dev.bookingsinvoicing.invoicing.command;

import java.math.BigDecimal;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.springframework.stereotype.Component;

import dev.bookingsinvoicing.invoicing.store.DocumentsById;
import dev.bookingsinvoicing.invoicing.view.BookingClaim;
import dev.bookingsinvoicing.invoicing.view.BookingClaims;
import dev.bookingsinvoicing.invoicing.view.BookingRow;
import dev.bookingsinvoicing.invoicing.view.BookingRowStore;
import dev.bookingsinvoicing.invoicing.view.BookingsNotInvoicedProjection;
import dev.bookingsinvoicing.invoicing.view.PriceOverride;
import dev.bookingsinvoicing.schemas.DecimalFields;

/**
 * SetBookingPrice: bookings whose price type gives no price (price varies, call us, not set, a priced type without
 * a price, or an implausible one: a negative price, an hourly booking of zero minutes) get quantity x unit price and,
 * if nothing else is missing, become READY. A booking priced this way may be priced again (a correction); a booking
 * that has its own price is refused.
 *
 * <p>Never half: validated, then the accepted decision is stored before the first override is written; a retry
 * re-applies the stored decision (overrides are upserts by booking id, the recomputation is idempotent). The
 * override is kept beside the view ({@code price_overrides}), so any later recomputation of the row (a registration,
 * a release from a deleted invoice) keeps the price.
 */
@Component
public class SetBookingPriceHandler implements CommandHandler<SetBookingPriceHandler.Command> {

    public static final String TYPE = "SetBookingPrice";

    /** The command as the domain sees it; quantity null means 1. */
    public record Command(String commandId, String issuedBy, List<String> bookingIds, BigDecimal unitPrice,
            BigDecimal quantity) implements IssuedCommand {

        BigDecimal quantityOrOne() {
            return quantity == null ? BigDecimal.ONE : quantity;
        }
    }

    private final CommandResultStore results;
    private final BookingClaims claims;
    private final BookingRowStore rows;
    private final BookingsNotInvoicedProjection projection;
    private final DocumentsById documents;
    private final CommandValidator validator;
    private final Clock clock;

    public SetBookingPriceHandler(CommandResultStore results, BookingClaims claims, BookingRowStore rows,
            BookingsNotInvoicedProjection projection, DocumentsById documents, CommandValidator validator,
            Clock clock) {
        this.results = results;
        this.claims = claims;
        this.rows = rows;
        this.projection = projection;
        this.documents = documents;
        this.validator = validator;
        this.clock = clock;
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public String summary(Command command) {
        return "price " + CommandResult.describe(command.bookingIds()) + " at "
                + command.quantityOrOne().stripTrailingZeros().toPlainString() + " x " + command.unitPrice();
    }

    @Override
    public Collection<String> businessesNamed(Command command) {
        return CommandResult.businessesOf(command.bookingIds());
    }

    @Override
    public Optional<Refusal> refusal(Command command) {
        return rejectionOf(command).map(Refusal::of);
    }

    @Override
    public CarriedOut carryOut(Command command, Progress progress) {
        CommandDecision decision = results.decide(command.commandId(), () -> new CommandDecision(command.commandId(),
                TYPE, command.bookingIds().stream().distinct().toList(), clock.instant()));
        progress.reached(CommandSteps.PLANNED);
        Set<String> inView = new LinkedHashSet<>();
        projection.overridePrices(decision.bookingIds().stream().map(id -> new PriceOverride(id,
                DecimalFields.exact(command.quantityOrOne()), DecimalFields.exact(command.unitPrice()),
                command.commandId(), command.issuedBy(), decision.decidedAt())).toList())
                .forEach(r -> inView.add(r.id()));
        progress.reached(CommandSteps.CLAIMED);
        List<SkippedBooking> skipped = new ArrayList<>();
        Map<String, BookingClaim> gone = claims.claimsOf(decision.bookingIds().stream()
                .filter(id -> !inView.contains(id)).toList());
        for (String id : decision.bookingIds()) {
            if (!inView.contains(id)) {
                BookingClaim claim = gone.get(id);
                skipped.add(claim != null ? SkippedBooking.claimed(claim)
                        : new SkippedBooking(id, "no longer in the view"));
            }
        }
        return CarriedOut.of(CommandResult.completed(command.commandId(), TYPE, command.issuedBy(), summary(command),
                List.of(), 0, skipped, List.copyOf(inView), decision.decidedAt(), List.of()));
    }

    Optional<String> rejectionOf(Command command) {
        Optional<String> basic = validator.selectionRejectionOf(command.commandId(), command.bookingIds());
        if (basic.isPresent()) {
            return basic;
        }
        if (command.unitPrice() == null || command.unitPrice().signum() < 0) {
            return Optional.of("unitPrice must be zero or more");
        }
        if (command.quantity() != null && command.quantity().signum() <= 0) {
            return Optional.of("quantity must be more than zero");
        }
        List<String> ids = command.bookingIds().stream().distinct().toList();
        Map<String, BookingClaim> claimed = claims.claimsOf(ids);
        Map<String, BookingRow> inView = rows.byId(ids);
        Set<String> overridden = documents.byId(ids, PriceOverride.class, PriceOverride::id).keySet();
        List<String> problems = new ArrayList<>();
        for (String id : ids) {
            BookingClaim claim = claimed.get(id);
            BookingRow row = inView.get(id);
            if (claim != null) {
                problems.add(id + " " + claim.describe());
            } else if (row == null) {
                problems.add(id + " unknown booking id");
            } else if (row.unitPrice() != null && !overridden.contains(id)) {
                problems.add(id + " does not need a price (" + row.status() + ", " + row.priceType() + " at "
                        + row.unitPrice() + ")");
            }
        }
        return Validation.problems(problems);
    }
}
