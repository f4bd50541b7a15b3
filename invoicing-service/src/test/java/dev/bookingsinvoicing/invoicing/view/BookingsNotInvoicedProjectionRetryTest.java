package dev.bookingsinvoicing.invoicing.view;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.bson.Document;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.data.mongodb.core.BulkOperations;
import org.springframework.data.mongodb.core.MongoTemplate;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;

import dev.bookingsinvoicing.service.testing.TestMongo;

/**
 * MongoDB goes away in the middle of applying an event (the fault suite's MongoDB outage once left 122 rows
 * "customer not registered yet" for good): the listener's retry of the same event must finish the work, not take
 * what the failed attempt already wrote for a re-delivery and skip it.
 */
class BookingsNotInvoicedProjectionRetryTest {

    @AutoClose
    private static final TestMongo MONGO = new TestMongo();

    private final FailingOnce mongo = new FailingOnce(MONGO.client(), "retry-" + System.nanoTime());
    private final BookingsNotInvoicedProjection projection = new ViewInstance(mongo).projection;

    @Test
    void anAppointmentThatFailedAfterItsStateWasWrittenIsAppliedInFullWhenRetried() {
        // after the rows were written, before their customer's totals (through which the registration finds them)
        mongo.failNextUseOf(CustomerTotals.COLLECTION);
        assertThatThrownBy(() -> projection.onCompleted(List.of(OneBooking.appointment())))
                .isInstanceOf(DataAccessResourceFailureException.class);
        projection.onCompleted(List.of(OneBooking.appointment()));

        projection.onItems(List.of(OneBooking.item()));
        projection.onCustomers(List.of(OneBooking.customer()));

        assertThat(row().status()).isEqualTo(BookingStatus.READY);
    }

    @Test
    void aRegistrationThatFailedAfterItWasSavedSettlesItsRowsWhenRetried() {
        projection.onCompleted(List.of(OneBooking.appointment()));
        projection.onItems(List.of(OneBooking.item()));

        mongo.failNextUseOf(BookingRow.COLLECTION);
        assertThatThrownBy(() -> projection.onCustomers(List.of(OneBooking.customer())))
                .isInstanceOf(DataAccessResourceFailureException.class);
        projection.onCustomers(List.of(OneBooking.customer()));

        assertThat(row().status()).isEqualTo(BookingStatus.READY);
    }

    private BookingRow row() {
        return mongo.findById("b1/a1/c1", BookingRow.class);
    }

    /** A template whose next use of one collection fails as if MongoDB had dropped the connection. */
    private static final class FailingOnce extends MongoTemplate {

        private String failing;

        FailingOnce(MongoClient client, String database) {
            super(client, database);
        }

        void failNextUseOf(String collection) {
            failing = collection;
        }

        @Override
        public BulkOperations bulkOps(BulkOperations.BulkMode mode, Class<?> entityClass) {
            failIfArmed(getCollectionName(entityClass));
            return super.bulkOps(mode, entityClass);
        }

        @Override
        public MongoCollection<Document> getCollection(String collectionName) {
            failIfArmed(collectionName);
            return super.getCollection(collectionName);
        }

        private void failIfArmed(String collection) {
            if (collection.equals(failing)) {
                failing = null;
                throw new DataAccessResourceFailureException("MongoDB went away");
            }
        }
    }
}
