package dev.bookingsinvoicing.invoicing.view;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.data.mongodb.core.BulkOperations;
import org.springframework.data.mongodb.core.MongoTemplate;

import com.mongodb.client.MongoClient;

import dev.bookingsinvoicing.invoicing.pricing.BookingPriceType;
import dev.bookingsinvoicing.invoicing.pricing.Pricing;
import dev.bookingsinvoicing.invoicing.store.DocumentsById;
import dev.bookingsinvoicing.service.testing.TestMongo;

/**
 * MongoDB goes away in the middle of applying an event (the fault suite's MongoDB outage once left 122 rows
 * "customer not registered yet" for good): the listener's retry of the same event must finish the work, not take
 * what the failed attempt already wrote for a re-delivery and skip it.
 */
class BookingsNotInvoicedProjectionRetryTest {

    @AutoClose
    private static final TestMongo MONGO = new TestMongo();
    private static final Instant AT = Instant.parse("2026-03-02T09:00:00Z");

    private final FailingOnce mongo = new FailingOnce(MONGO.client(), "retry-" + System.nanoTime());
    private final DocumentsById documents = new DocumentsById(mongo);
    private final BookingRowStore rows = new BookingRowStore(mongo, documents, new CustomerTotals(mongo, documents));
    private final ViewInputs inputs = new ViewInputs(mongo);
    private final BookingsNotInvoicedProjection projection = new BookingsNotInvoicedProjection(documents, rows,
            new BookingClaims(documents, rows, inputs), new BookingRows(new Pricing()), inputs);

    @Test
    void anAppointmentThatFailedAfterItsStateWasWrittenIsAppliedInFullWhenRetried() {
        mongo.failNextBulkWriteOf(CustomerBookings.class);
        assertThatThrownBy(() -> projection.onCompleted(List.of(appointment())))
                .isInstanceOf(DataAccessResourceFailureException.class);
        projection.onCompleted(List.of(appointment()));

        projection.onItems(List.of(item()));
        projection.onCustomers(List.of(customer()));

        assertThat(row().status()).isEqualTo(BookingStatus.READY);
    }

    @Test
    void aRegistrationThatFailedAfterItWasSavedSettlesItsRowsWhenRetried() {
        projection.onCompleted(List.of(appointment()));
        projection.onItems(List.of(item()));

        mongo.failNextBulkWriteOf(BookingRow.class);
        assertThatThrownBy(() -> projection.onCustomers(List.of(customer())))
                .isInstanceOf(DataAccessResourceFailureException.class);
        projection.onCustomers(List.of(customer()));

        assertThat(row().status()).isEqualTo(BookingStatus.READY);
    }

    private BookingRow row() {
        return mongo.findById("b1/a1/c1", BookingRow.class);
    }

    private static Appointment appointment() {
        return new Appointment("b1", "a1", "r1", AT, "s1", "Haircut", AT, AT.plusSeconds(1800), null,
                BookingPriceType.fixedPrice, new BigDecimal("10.00"), "EUR",
                List.of(new Attendee("c1", "Name c1", "c1@example.com")));
    }

    private static CustomerRegistration customer() {
        return new CustomerRegistration("b1/c1", "b1", "c1", true, "C00010", "Name c1", null, "e-c1", AT,
                CustomerPosting.UNKNOWN);
    }

    private static ItemRegistration item() {
        return new ItemRegistration("b1/s1", "b1", "s1", true, "I-CUT", null, "e-s1", AT, null, ItemPosting.UNKNOWN);
    }

    /** A template whose next bulk write of one type fails as if MongoDB had dropped the connection. */
    private static final class FailingOnce extends MongoTemplate {

        private Class<?> failing;

        FailingOnce(MongoClient client, String database) {
            super(client, database);
        }

        void failNextBulkWriteOf(Class<?> type) {
            failing = type;
        }

        @Override
        public BulkOperations bulkOps(BulkOperations.BulkMode mode, Class<?> entityClass) {
            if (entityClass == failing) {
                failing = null;
                throw new DataAccessResourceFailureException("MongoDB went away");
            }
            return super.bulkOps(mode, entityClass);
        }
    }
}
