package dev.bookingsinvoicing.invoicing.command;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.springframework.data.mongodb.core.BulkOperations;
import org.springframework.data.mongodb.core.FindAndReplaceOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

import dev.bookingsinvoicing.invoicing.InvoicingProperties;
import dev.bookingsinvoicing.invoicing.view.BookingClaim;
import dev.bookingsinvoicing.invoicing.view.BookingRow;
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
public class SetBookingPriceHandler {

    public static final String TYPE = "SetBookingPrice";

    /** The command as the domain sees it; quantity null means 1. */
    public record Command(String commandId, String issuedBy, List<String> bookingIds, BigDecimal unitPrice,
            BigDecimal quantity) {
    }

    private final CommandResults results;
    private final BookingClaims claims;
    private final BookingsNotInvoicedProjection projection;
    private final MongoTemplate mongo;
    private final InvoicingProperties properties;

    public SetBookingPriceHandler(CommandResults results, BookingClaims claims,
            BookingsNotInvoicedProjection projection, MongoTemplate mongo, InvoicingProperties properties) {
        this.results = results;
        this.claims = claims;
        this.projection = projection;
        this.mongo = mongo;
        this.properties = properties;
    }

    public void handle(Command command) {
        Optional<CommandResult> done = results.find(command.commandId());
        if (done.isPresent()) {
            results.publish(done.get());
            return;
        }
        BigDecimal quantity = command.quantity() == null ? BigDecimal.ONE : command.quantity();
        String summary = "price " + CommandResults.describe(command.bookingIds()) + " at "
                + quantity.stripTrailingZeros().toPlainString() + " x " + command.unitPrice();
        CommandDecision decision = results.decision(command.commandId()).orElse(null);
        if (decision == null) {
            Optional<String> rejection = rejectionOf(command);
            if (rejection.isPresent()) {
                results.reject(command.commandId(), TYPE, command.issuedBy(), summary, rejection.get(),
                        CommandResult.businessesOf(command.bookingIds()));
                return;
            }
            decision = results.decide(command.commandId(), () -> new CommandDecision(command.commandId(), TYPE,
                    command.bookingIds().stream().distinct().toList(), results.now()));
        }
        results.reached(command.commandId(), CommandSteps.PLANNED);
        BulkOperations bulk = mongo.bulkOps(BulkOperations.BulkMode.UNORDERED, PriceOverride.class);
        for (String id : decision.bookingIds()) {
            bulk.replaceOne(Query.query(Criteria.where("_id").is(id)), new PriceOverride(id,
                    DecimalFields.exact(quantity), DecimalFields.exact(command.unitPrice()),
                    command.commandId(), command.issuedBy(), decision.decidedAt()), FindAndReplaceOptions.options()
                            .upsert());
        }
        bulk.execute();
        results.reached(command.commandId(), CommandSteps.CLAIMED);
        Set<String> inView = new LinkedHashSet<>();
        projection.recompute(decision.bookingIds()).forEach(r -> inView.add(r.id()));
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
        results.finish(CommandResult.completed(command.commandId(), TYPE, command.issuedBy(), summary, List.of(), 0,
                skipped, List.copyOf(inView), decision.decidedAt(), List.of()));
    }

    Optional<String> rejectionOf(Command command) {
        Optional<String> basic = Validation.selection(command.commandId(), command.bookingIds(),
                properties.maxSelection());
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
        Map<String, BookingRow> rows = claims.rowsOf(ids);
        Set<String> overridden = new LinkedHashSet<>();
        for (List<String> batch : dev.bookingsinvoicing.invoicing.IdBatches.of(ids)) {
            mongo.find(Query.query(Criteria.where("_id").in(batch)), PriceOverride.class)
                    .forEach(o -> overridden.add(o.id()));
        }
        List<String> problems = new ArrayList<>();
        for (String id : ids) {
            BookingClaim claim = claimed.get(id);
            BookingRow row = rows.get(id);
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
