package dev.bookingsinvoicing.invoicing.view;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
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

    private final String database = "race-" + System.nanoTime();
    private final PausingBeforeRowWrite mongoA = new PausingBeforeRowWrite(MONGO.client(), database);
    private final ViewInstance a = new ViewInstance(mongoA);
    private final ViewInstance b = new ViewInstance(new MongoTemplate(MONGO.client(), database));

    @Test
    void aCustomerRegisteredBetweenClassifyingAndWritingARowMakesItReady() {
        b.projection.onItems(List.of(OneBooking.item()));
        mongoA.beforeNextRowWrite(() -> b.projection.onCustomers(List.of(OneBooking.customer())));

        a.projection.onCompleted(List.of(OneBooking.appointment()));

        BookingRow row = mongoA.findById(OneBooking.ID, BookingRow.class);
        assertThat(row.status()).isEqualTo(BookingStatus.READY);
        assertThat(row.customerNo()).isEqualTo("C00010");
    }

    @Test
    void aPriceSetBetweenClassifyingAndWritingARowIsTheRowsPrice() {
        b.projection.onItems(List.of(OneBooking.item()));
        b.projection.onCustomers(List.of(OneBooking.customer()));
        mongoA.beforeNextRowWrite(() -> b.projection.overridePrices(List.of(new PriceOverride(OneBooking.ID,
                new BigDecimal("2"), new BigDecimal("17.50"), "set-price-1", "ops", OneBooking.AT))));

        a.projection.onCompleted(List.of(OneBooking.appointment(BookingPriceType.priceVaries, null)));

        BookingRow row = mongoA.findById(OneBooking.ID, BookingRow.class);
        assertThat(row.status()).isEqualTo(BookingStatus.READY);
        assertThat(row.amount()).isEqualByComparingTo("35.00");
    }

    @Test
    void aBookingClaimedBetweenClassifyingAndWritingItsRowStaysOutOfTheView() {
        b.projection.onItems(List.of(OneBooking.item()));
        b.projection.onCustomers(List.of(OneBooking.customer()));
        mongoA.beforeNextRowWrite(() -> b.claims.claim("invoice-1",
                List.of(new BookingClaim(OneBooking.ID, "invoice-1", "D-1", OneBooking.AT))));

        a.projection.onCompleted(List.of(OneBooking.appointment()));

        assertThat(mongoA.findById(OneBooking.ID, BookingRow.class)).isNull();
    }

    @Test
    void withoutAnInputWrittenMeanwhileTheRowIsWrittenAsClassified() {
        b.projection.onItems(List.of(OneBooking.item()));

        a.projection.onCompleted(List.of(OneBooking.appointment()));

        assertThat(mongoA.findById(OneBooking.ID, BookingRow.class).status())
                .isEqualTo(BookingStatus.UNMATCHED_CUSTOMER);
        b.projection.onCustomers(List.of(OneBooking.customer()));
        assertThat(mongoA.findById(OneBooking.ID, BookingRow.class).status()).isEqualTo(BookingStatus.READY);
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

}
