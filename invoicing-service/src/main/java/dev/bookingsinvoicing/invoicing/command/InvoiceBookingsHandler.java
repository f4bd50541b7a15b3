package dev.bookingsinvoicing.invoicing.command;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import dev.bookingsinvoicing.invoicing.store.DocumentsById;
import dev.bookingsinvoicing.invoicing.view.BookingClaim;
import dev.bookingsinvoicing.invoicing.view.BookingClaims;
import dev.bookingsinvoicing.invoicing.view.BookingRow;
import dev.bookingsinvoicing.invoicing.view.BookingRowStore;
import dev.bookingsinvoicing.invoicing.view.BookingStatus;
import dev.bookingsinvoicing.invoicing.view.CustomerPosting;
import dev.bookingsinvoicing.invoicing.view.ItemPosting;
import dev.bookingsinvoicing.invoicing.view.ItemRegistration;
import dev.bookingsinvoicing.invoicing.view.KnownCustomer;
import dev.bookingsinvoicing.invoicing.view.RowScope;
import dev.bookingsinvoicing.schemas.Keys;

/**
 * Carries out InvoiceBookings so that a booking lands on at most one draft invoice, whatever is re-delivered,
 * retried or crashed, without multi-document transactions (the embedded server has none).
 *
 * <p>Why it never invoices twice:
 * <ol>
 * <li>A command whose result is stored ({@code command_results}, {@code _id} = commandId) is done: a
 * re-delivery only re-publishes the stored result and its stored invoices, with the same ids and event ids.
 * <li>Otherwise the plan is read from the stored plan (header {@code _id} = commandId) if an earlier attempt got
 * that far, else computed from the view and stored ({@link InvoicePlanStore}). A retry therefore carries out the
 * same decision, and the invoice ids are a function of commandId + customerNo + currency (+ business or month, by the command's
 * grouping) + part: a customer's lines
 * are cut into drafts of at most {@code max-lines-per-invoice} in the plan, before any claim, so which booking is on
 * which part is stored with the plan and never recomputed.
 * <li>Each planned booking is claimed by inserting {@code booking_claims} with {@code _id} = bookingId. The
 * unique {@code _id} makes the claim atomic in any MongoDB: two commands cannot both claim one booking (nor a
 * MarkBookingsInvoiced, which claims the same way). A duplicate held by this command (an earlier crashed attempt)
 * is ours; one held by another command drops the line (a part left without lines is dropped; the others keep their
 * ids). While this command runs its claims are only ever added:
 * DeleteDraftInvoice, the only remover, refuses invoices whose command has no stored result, and removes only claims
 * naming its own invoice. So a retry loses exactly the same bookings and rebuilds the same invoices.
 * <li>Claiming takes the bookings out of the view ({@link BookingClaims}). Invoices are upserted by id, and the
 * lifecycle sends the events and the result in the listener's Kafka transaction (together with the command's offset;
 * every part of every customer in that one transaction, each record far below the broker's 1 MB limit), then stores
 * the result, last.
 * Every step before the stored result is idempotent; a crash anywhere repeats them with the same outcome.
 * If the Kafka transaction aborts after the result was stored, the re-delivered command finds the result and
 * publishes it again (1.) - consumers deduplicate by invoiceId / eventId. An invoice deleted since is not
 * re-announced.
 * </ol>
 * <p>A preview ({@link InvoiceCommand#preview()}) plans exactly as the command would (same rows, same
 * {@link InvoicePlanner#plan}) and stops there: its plan is not stored, nothing is claimed, no invoice is stored and
 * no event sent; its result lists the invoices it would create and the bookings it would skip. The same command
 * without preview therefore creates the previewed invoices, when the view did not change in between.
 *
 * <p>Speed (InvoiceBookings(ALL) over a million bookings): rows are read as raw documents with only the fields
 * planning needs ({@link BookingRowStore}), plans and invoices written as raw documents ({@link RawDocuments}),
 * claims and invoices inserted in unordered chunks ({@link DocumentsById}); nothing just written is read back.
 */
@Component
public class InvoiceBookingsHandler implements CommandHandler<InvoiceCommand> {

    private static final Logger LOG = LoggerFactory.getLogger(InvoiceBookingsHandler.class);

    private final CommandValidator validator;
    private final InvoicePlanner planner;
    private final InvoicePlanStore plans;
    private final BookingRowStore rows;
    private final BookingClaims claims;
    private final DraftInvoiceStore invoices;
    private final DocumentsById documents;
    private final Clock clock;

    public InvoiceBookingsHandler(CommandValidator validator, InvoicePlanner planner, InvoicePlanStore plans,
            BookingRowStore rows, BookingClaims claims, DraftInvoiceStore invoices, DocumentsById documents,
            Clock clock) {
        this.validator = validator;
        this.planner = planner;
        this.plans = plans;
        this.rows = rows;
        this.claims = claims;
        this.invoices = invoices;
        this.documents = documents;
        this.clock = clock;
    }

    @Override
    public String type() {
        return InvoiceCommand.TYPE;
    }

    /** The businesses the command names: the one it is narrowed to and those of its selected bookings. */
    @Override
    public Collection<String> businessesNamed(InvoiceCommand command) {
        Set<String> named = CommandResult.businessesOf(command.bookingIds() == null ? List.of() : command.bookingIds());
        if (command.businessId() != null) {
            named.add(command.businessId());
        }
        return named;
    }

    @Override
    public Optional<Refusal> refusal(InvoiceCommand command) {
        return validator.rejectionOf(command).map(Refusal::of);
    }

    @Override
    public CarriedOut carryOut(InvoiceCommand command, Progress progress) {
        if (command.preview()) {
            InvoicePlan plan = newPlan(command);
            return CarriedOut.of(CommandResult.previewed(command.commandId(), command.issuedBy(), summary(command),
                    plan.invoices(), plan.skipped(), plan.createdAt(), businessesNamed(command)));
        }
        long started = System.nanoTime();
        InvoicePlan plan = storedOrNewPlan(command);
        progress.reached(CommandSteps.PLANNED);
        long planned = System.nanoTime();
        InvoicePlan claimed = planner.without(plan, claim(plan));
        progress.reached(CommandSteps.CLAIMED);
        long claimedAt = System.nanoTime();
        invoices.upsertAll(claimed.invoices());
        progress.reached(CommandSteps.INVOICES_STORED);
        List<String> invoiced = claimed.bookingIds();
        LOG.info("InvoiceBookings {}: {} booking(s) on {} invoice(s), {} skipped; plan {} ms, claims {} ms,"
                + " invoices {} ms", command.commandId(), invoiced.size(), claimed.invoices().size(),
                claimed.skipped().size(), ms(planned - started), ms(claimedAt - planned),
                ms(System.nanoTime() - claimedAt));
        return new CarriedOut(CommandResult.completed(command.commandId(), InvoiceCommand.TYPE, command.issuedBy(),
                summary(command), claimed.invoices().stream().map(DraftInvoice::id).toList(), invoiced.size(),
                claimed.skipped(), invoiced, plan.createdAt(), businessesNamed(command)),
                List.copyOf(claimed.invoices()));
    }

    /**
     * A command that is done publishes again the invoices it created, byte for byte. An invoice deleted since
     * (DeleteDraftInvoice) is not announced again: its DraftInvoiceDeleted already went out, and a late
     * DraftInvoiceCreated would bring it back for consumers that keep only the latest event per invoice.
     */
    @Override
    public List<InvoiceEvent> republished(InvoiceCommand command, CommandResult result) {
        if (result.outcome() != CommandResult.Outcome.COMPLETED || result.invoiceIds().isEmpty()) {
            return List.of();
        }
        // a truncated result lists only some invoice ids: find them all by command
        return List.copyOf(result.truncated() ? invoices.ofCommand(result.id()) : invoices.find(result.invoiceIds()));
    }

    private static long ms(long nanos) {
        return nanos / 1_000_000;
    }

    @Override
    public String summary(InvoiceCommand command) {
        StringBuilder s = new StringBuilder(command.preview() ? "preview of " : "").append(command.scope());
        if (command.scope() == InvoiceScope.CUSTOMER) {
            s.append(' ').append(command.customerNo());
        } else if (command.scope() == InvoiceScope.SELECTED && command.bookingIds() != null) {
            s.append(' ').append(CommandResult.describe(command.bookingIds()));
        }
        if (command.businessId() != null) {
            s.append(", business ").append(command.businessId());
        }
        if (command.from() != null) {
            s.append(", from ").append(command.from());
        }
        if (command.to() != null) {
            s.append(", to ").append(command.to());
        }
        if (command.fromDate() != null) {
            s.append(", from date ").append(command.fromDate());
        }
        if (command.toDate() != null) {
            s.append(", to date ").append(command.toDate());
        }
        if (command.grouping() != null) {
            s.append(", ").append(command.grouping().words());
        }
        return s.toString();
    }

    private InvoicePlan storedOrNewPlan(InvoiceCommand command) {
        Optional<InvoicePlan> stored = plans.find(command.commandId());
        if (stored.isPresent()) {
            return stored.get();
        }
        InvoicePlan plan = newPlan(command);
        long started = System.nanoTime();
        InvoicePlan saved = plans.saveOrGetExisting(plan);
        LOG.info("InvoiceBookings {}: stored the plan in {} ms", command.commandId(), ms(System.nanoTime() - started));
        return saved;
    }

    /** The plan of the command over the view as it is now: the one place a preview and a command plan. */
    private InvoicePlan newPlan(InvoiceCommand command) {
        List<SkippedBooking> skipped = new ArrayList<>();
        long started = System.nanoTime();
        List<BookingRow> inScope = rowsInScope(command, skipped);
        long scanned = System.nanoTime();
        InvoicePlan plan = planner.plan(command.commandId(), command.grouping(), inScope, skipped, postings(inScope),
                clock.instant());
        LOG.info("InvoiceBookings {}{}: read {} row(s) in {} ms, planned in {} ms", command.commandId(),
                command.preview() ? " (preview)" : "", inScope.size(), ms(scanned - started),
                ms(System.nanoTime() - scanned));
        return plan;
    }

    /** The posting groups and units of the ready rows' customers and items, read by id in batches. */
    private Postings postings(List<BookingRow> inScope) {
        List<BookingRow> ready = inScope.stream().filter(r -> r.status() == BookingStatus.READY).toList();
        Map<String, CustomerPosting> customers = new HashMap<>();
        documents.find(ready.stream().map(BookingRow::customerNo).distinct().toList(), KnownCustomer.class)
                .forEach(c -> customers.put(c.id(), c.posting()));
        Map<String, ItemPosting> items = new HashMap<>();
        documents.find(ready.stream().map(r -> Keys.service(r.businessId(), r.serviceId())).distinct().toList(),
                ItemRegistration.class).forEach(i -> items.put(i.id(), i.posting()));
        return new Postings(customers, items);
    }

    /** Rows in scope, whatever their status (the planner skips the unready with their reason). */
    private List<BookingRow> rowsInScope(InvoiceCommand command, List<SkippedBooking> skipped) {
        RowScope scope = new RowScope(command.scope() == InvoiceScope.CUSTOMER ? command.customerNo() : null,
                command.businessId(), command.from(), command.to(), command.fromDate(), command.toDate());
        if (command.scope() != InvoiceScope.SELECTED) {
            return rows.inScope(scope);
        }
        List<BookingRow> selected = new ArrayList<>();
        Set<String> found = new HashSet<>();
        for (BookingRow row : rows.planningRows(command.bookingIds().stream().distinct().toList())) {
            found.add(row.id());
            if (scope.narrows(row)) {
                selected.add(row);
            } else {
                skipped.add(new SkippedBooking(row.id(), "outside the command's businessId/from/to/fromDate/toDate",
                        SkippedBooking.Kind.OUTSIDE_SCOPE));
            }
        }
        List<String> missing = command.bookingIds().stream().distinct().filter(id -> !found.contains(id)).toList();
        skipped.addAll(explainMissing(missing));
        return selected;
    }

    /** Ids not in the view: invoiced or marked when a claim says so, else not found. */
    private List<SkippedBooking> explainMissing(List<String> missing) {
        if (missing.isEmpty()) {
            return List.of();
        }
        Map<String, BookingClaim> claimsOfMissing = claims.claimsOf(missing);
        return missing.stream().map(id -> claimsOfMissing.containsKey(id)
                ? SkippedBooking.claimed(claimsOfMissing.get(id)) : SkippedBooking.notFound(id)).toList();
    }

    /** Claims every planned booking; returns the bookings another command holds, with the reason. */
    private Map<String, SkippedBooking> claim(InvoicePlan plan) {
        List<BookingClaim> toClaim = new ArrayList<>();
        for (DraftInvoice invoice : plan.invoices()) {
            for (InvoiceLine line : invoice.lines()) {
                toClaim.add(new BookingClaim(line.bookingId(), plan.id(), invoice.id(), plan.createdAt()));
            }
        }
        Map<String, SkippedBooking> lost = new LinkedHashMap<>();
        claims.claim(plan.id(), toClaim).forEach((id, claim) -> lost.put(id, SkippedBooking.claimed(claim)));
        return lost;
    }
}
