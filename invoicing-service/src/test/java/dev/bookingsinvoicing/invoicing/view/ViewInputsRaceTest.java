package dev.bookingsinvoicing.invoicing.view;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

import org.bson.Document;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.MongoTemplate;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;

import dev.bookingsinvoicing.invoicing.pricing.BookingPriceType;
import dev.bookingsinvoicing.service.testing.TestMongo;

/**
 * Two instances of the view on one store: instance B writes an input of the view (a registration, a price, a claim)
 * after instance A classified an appointment's row and before A wrote it, the interleaving in which A's row would be
 * written from stale inputs. A skips its re-check only when {@link ViewInputs} did not move, so in each case the row
 * must end up as B's write says, exactly as when B's write had come first.
 */
class ViewInputsRaceTest {

    @AutoClose
    private static final TestMongo MONGO = new TestMongo();
    private static final Instant AT = Instant.parse("2026-03-02T09:00:00Z");
    private static final String BOOKING = "b1/a1/c1";

    private final String database = "race-" + System.nanoTime();
    private final PausingBeforeRowWrite mongoA = new PausingBeforeRowWrite(MONGO.client(), database);
    private final ViewInstance a = new ViewInstance(mongoA);
    private final ViewInstance b = new ViewInstance(new MongoTemplate(MONGO.client(), database));

    @Test
    void aCustomerRegisteredBetweenClassifyingAndWritingARowMakesItReady() {
        b.projection.onItems(List.of(item()));
        mongoA.beforeNextRowWrite(() -> b.projection.onCustomers(List.of(customer())));

        a.projection.onCompleted(List.of(appointment()));

        BookingRow row = mongoA.findById(BOOKING, BookingRow.class);
        assertThat(row.status()).isEqualTo(BookingStatus.READY);
        assertThat(row.customerNo()).isEqualTo("C00010");
    }

    @Test
    void aPriceSetBetweenClassifyingAndWritingARowIsTheRowsPrice() {
        b.projection.onItems(List.of(item()));
        b.projection.onCustomers(List.of(customer()));
        mongoA.beforeNextRowWrite(() -> b.projection.overridePrices(List.of(new PriceOverride(BOOKING,
                new BigDecimal("2"), new BigDecimal("17.50"), "set-price-1", "ops", AT))));

        a.projection.onCompleted(List.of(appointment(BookingPriceType.priceVaries, null)));

        BookingRow row = mongoA.findById(BOOKING, BookingRow.class);
        assertThat(row.status()).isEqualTo(BookingStatus.READY);
        assertThat(row.amount()).isEqualByComparingTo("35.00");
    }

    @Test
    void aBookingClaimedBetweenClassifyingAndWritingItsRowStaysOutOfTheView() {
        b.projection.onItems(List.of(item()));
        b.projection.onCustomers(List.of(customer()));
        mongoA.beforeNextRowWrite(() -> b.claims.claim("invoice-1",
                List.of(new BookingClaim(BOOKING, "invoice-1", "D-1", AT))));

        a.projection.onCompleted(List.of(appointment()));

        assertThat(mongoA.findById(BOOKING, BookingRow.class)).isNull();
    }

    @Test
    void withoutAnInputWrittenMeanwhileTheRowIsWrittenAsClassified() {
        b.projection.onItems(List.of(item()));

        a.projection.onCompleted(List.of(appointment()));

        assertThat(mongoA.findById(BOOKING, BookingRow.class).status()).isEqualTo(BookingStatus.UNMATCHED_CUSTOMER);
        b.projection.onCustomers(List.of(customer()));
        assertThat(mongoA.findById(BOOKING, BookingRow.class).status()).isEqualTo(BookingStatus.READY);
    }

    /** A template that runs an action (the other instance's write) just before its next write of view rows. */
    private static final class PausingBeforeRowWrite extends MongoTemplate {

        private Runnable before;

        PausingBeforeRowWrite(MongoClient client, String database) {
            super(client, database);
        }

        void beforeNextRowWrite(Runnable action) {
            before = action;
        }

        @Override
        public MongoCollection<Document> getCollection(String collectionName) {
            if (BookingRow.COLLECTION.equals(collectionName) && before != null) {
                Runnable action = before;
                before = null;
                action.run();
            }
            return super.getCollection(collectionName);
        }
    }

    private static Appointment appointment() {
        return appointment(BookingPriceType.fixedPrice, new BigDecimal("10.00"));
    }

    private static Appointment appointment(BookingPriceType priceType, BigDecimal price) {
        return new Appointment("b1", "a1", "r1", AT, "s1", "Haircut", AT, AT.plusSeconds(1800), null, priceType,
                price, "EUR",
                List.of(new Attendee("c1", "Name c1", "c1@example.com")));
    }

    private static CustomerRegistration customer() {
        return new CustomerRegistration("b1/c1", "b1", "c1", true, "C00010", "Name c1", null, "e-c1", AT,
                CustomerPosting.UNKNOWN);
    }

    private static ItemRegistration item() {
        return new ItemRegistration("b1/s1", "b1", "s1", true, "I-CUT", null, "e-s1", AT, null, ItemPosting.UNKNOWN);
    }
}
