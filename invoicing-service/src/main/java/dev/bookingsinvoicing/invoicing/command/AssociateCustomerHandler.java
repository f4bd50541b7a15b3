package dev.bookingsinvoicing.invoicing.command;

import java.time.Clock;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

import org.springframework.stereotype.Component;

import dev.bookingsinvoicing.invoicing.store.DocumentsById;
import dev.bookingsinvoicing.invoicing.view.BookingRow;
import dev.bookingsinvoicing.invoicing.view.BookingStatus;
import dev.bookingsinvoicing.invoicing.view.BookingsNotInvoicedProjection;
import dev.bookingsinvoicing.invoicing.view.CustomerAssociation;
import dev.bookingsinvoicing.invoicing.view.CustomerRegistration;
import dev.bookingsinvoicing.invoicing.view.KnownCustomer;
import dev.bookingsinvoicing.schemas.Keys;

/**
 * AssociateCustomer: links a Bookings customer that customer-service did not match (no email, rejected, not
 * registered yet) to an existing customer no., the manual association Business Central's Bookings sync requires.
 * Its bookings are recomputed and become READY unless something else is missing (those are listed as skipped with
 * the reason). "Existing" means a customer no. this service has seen in a CustomerRegistered or CustomerUpdated.
 *
 * <p>The association is one upsert keyed by the Bookings customer, stored after the decision, so a retry writes the
 * same document; the rows are then recomputed from it like after any registration (idempotent). A Bookings customer
 * that customer-service matched already is refused (associate it in customer-service instead), except to the very
 * same customer no., which is a no-op.
 */
@Component
public class AssociateCustomerHandler implements CommandHandler<AssociateCustomerHandler.Command> {

    public static final String TYPE = "AssociateCustomer";

    /** The command as the domain sees it; customerName null means the name on the bookings. */
    public record Command(String commandId, String issuedBy, String businessId, String bookingsCustomerId,
            String customerNo, String customerName) implements IssuedCommand {
    }

    private final CommandResultStore results;
    private final BookingsNotInvoicedProjection projection;
    private final DocumentsById documents;
    private final Clock clock;

    public AssociateCustomerHandler(CommandResultStore results, BookingsNotInvoicedProjection projection,
            DocumentsById documents, Clock clock) {
        this.results = results;
        this.projection = projection;
        this.documents = documents;
        this.clock = clock;
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public String summary(Command command) {
        return "associate " + command.businessId() + "/" + command.bookingsCustomerId() + " with "
                + command.customerNo();
    }

    @Override
    public Collection<String> businessesNamed(Command command) {
        return command.businessId() == null ? List.of() : List.of(command.businessId());
    }

    @Override
    public Optional<Refusal> refusal(Command command) {
        return rejectionOf(command).map(Refusal::of);
    }

    @Override
    public CarriedOut carryOut(Command command, Progress progress) {
        CommandDecision decision = results.decide(command.commandId(), () -> new CommandDecision(command.commandId(),
                TYPE, List.of(), clock.instant()));
        progress.reached(CommandSteps.PLANNED);
        CustomerAssociation association = new CustomerAssociation(Keys.customer(command.businessId(),
                command.bookingsCustomerId()), command.businessId(), command.bookingsCustomerId(),
                command.customerNo(), command.customerName(), command.commandId(), command.issuedBy(),
                decision.decidedAt());
        List<BookingRow> rows = projection.associate(association);
        progress.reached(CommandSteps.CLAIMED);
        List<SkippedBooking> notReady = rows.stream().filter(r -> r.status() != BookingStatus.READY)
                .map(r -> new SkippedBooking(r.id(), InvoicePlanner.skipReason(r), SkippedBooking.Kind.NOT_READY))
                .toList();
        return CarriedOut.of(CommandResult.completed(command.commandId(), TYPE, command.issuedBy(), summary(command),
                List.of(), 0, notReady, rows.stream().map(BookingRow::id).sorted().toList(), decision.decidedAt(),
                businessesNamed(command)));
    }

    Optional<String> rejectionOf(Command command) {
        if (command.commandId() == null || command.commandId().isBlank()) {
            return Optional.of("commandId is required");
        }
        if (blank(command.businessId()) || blank(command.bookingsCustomerId()) || blank(command.customerNo())) {
            return Optional.of("businessId, bookingsCustomerId and customerNo are required");
        }
        if (documents.find(command.customerNo(), KnownCustomer.class).isEmpty()) {
            return Optional.of("unknown customer no. " + command.customerNo()
                    + ": no CustomerRegistered or CustomerUpdated has named it");
        }
        String key = Keys.customer(command.businessId(), command.bookingsCustomerId());
        CustomerRegistration registration = documents.find(key, CustomerRegistration.class).orElse(null);
        if (registration != null && registration.registered()
                && !registration.customerNo().equals(command.customerNo())) {
            return Optional.of("Bookings customer " + key + " is already matched to " + registration.customerNo()
                    + " by customer-service");
        }
        if (registration == null && projection.rowsOfCustomer(command.businessId(), command.bookingsCustomerId())
                .isEmpty()) {
            return Optional.of("unknown Bookings customer " + key + ": no booking and no registration names it");
        }
        return Optional.empty();
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
