package dev.bookingsinvoicing.invoicing.command;

import java.util.List;
import java.util.Optional;

import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

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
public class AssociateCustomerHandler {

    public static final String TYPE = "AssociateCustomer";

    /** The command as the domain sees it; customerName null means the name on the bookings. */
    public record Command(String commandId, String issuedBy, String businessId, String bookingsCustomerId,
            String customerNo, String customerName) {
    }

    private final CommandResults results;
    private final BookingsNotInvoicedProjection projection;
    private final MongoTemplate mongo;

    public AssociateCustomerHandler(CommandResults results, BookingsNotInvoicedProjection projection,
            MongoTemplate mongo) {
        this.results = results;
        this.projection = projection;
        this.mongo = mongo;
    }

    public void handle(Command command) {
        Optional<CommandResult> done = results.find(command.commandId());
        if (done.isPresent()) {
            results.publish(done.get());
            return;
        }
        String summary = "associate " + command.businessId() + "/" + command.bookingsCustomerId() + " with "
                + command.customerNo();
        CommandDecision decision = results.decision(command.commandId()).orElse(null);
        if (decision == null) {
            Optional<String> rejection = rejectionOf(command);
            if (rejection.isPresent()) {
                results.reject(command.commandId(), TYPE, command.issuedBy(), summary, rejection.get(),
                        named(command));
                return;
            }
            decision = results.decide(command.commandId(), () -> new CommandDecision(command.commandId(), TYPE,
                    List.of(), results.now()));
        }
        results.reached(command.commandId(), CommandSteps.PLANNED);
        mongo.save(new CustomerAssociation(Keys.customer(command.businessId(), command.bookingsCustomerId()),
                command.businessId(), command.bookingsCustomerId(), command.customerNo(), command.customerName(),
                command.commandId(), command.issuedBy(), decision.decidedAt()));
        results.reached(command.commandId(), CommandSteps.CLAIMED);
        List<BookingRow> rows = projection.recompute(projection.rowsOfCustomer(command.businessId(),
                command.bookingsCustomerId()).stream().map(BookingRow::id).toList());
        List<SkippedBooking> notReady = rows.stream().filter(r -> r.status() != BookingStatus.READY)
                .map(r -> new SkippedBooking(r.id(), InvoicePlanner.skipReason(r), SkippedBooking.Kind.NOT_READY))
                .toList();
        results.finish(CommandResult.completed(command.commandId(), TYPE, command.issuedBy(), summary, List.of(), 0,
                notReady, rows.stream().map(BookingRow::id).sorted().toList(), decision.decidedAt(), named(command)));
    }

    private static List<String> named(Command command) {
        return command.businessId() == null ? List.of() : List.of(command.businessId());
    }

    Optional<String> rejectionOf(Command command) {
        if (command.commandId() == null || command.commandId().isBlank()) {
            return Optional.of("commandId is required");
        }
        if (blank(command.businessId()) || blank(command.bookingsCustomerId()) || blank(command.customerNo())) {
            return Optional.of("businessId, bookingsCustomerId and customerNo are required");
        }
        if (mongo.findById(command.customerNo(), KnownCustomer.class) == null) {
            return Optional.of("unknown customer no. " + command.customerNo()
                    + ": no CustomerRegistered or CustomerUpdated has named it");
        }
        String key = Keys.customer(command.businessId(), command.bookingsCustomerId());
        CustomerRegistration registration = mongo.findById(key, CustomerRegistration.class);
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
