package dev.bookingsinvoicing.invoicing.view;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.bson.BsonDocument;
import org.bson.Document;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.MongoTemplate;

import com.mongodb.MongoClientSettings;
import com.mongodb.client.model.ReplaceOptions;

import dev.bookingsinvoicing.invoicing.pricing.BookingPriceType;
import dev.bookingsinvoicing.invoicing.pricing.Pricing;
import dev.bookingsinvoicing.service.testing.TestMongo;

/**
 * The view's hand-made BSON is the document Spring Data's converter writes for the same row or state (the oracle),
 * and the mapped readers read it back as the record it was made from.
 */
class ViewDocumentsTest {

    @AutoClose
    private static final TestMongo MONGO = new TestMongo();
    private static final Instant AT = OneBooking.AT;

    private final MongoTemplate mongo = new MongoTemplate(MONGO.client(), "view-documents-" + System.nanoTime());
    private final ViewDocuments bson = new ViewDocuments(mongo);
    private final BookingRows rules = new BookingRows(new Pricing());

    @Test
    void rowsAreTheConvertersDocumentsAndReadBackAsTheyWere() {
        List<BookingRow> rows = new ArrayList<>();
        Appointment twoAttendees = new Appointment("b1", "a2", "r7", AT, "s1", "Colour", AT, AT.plusSeconds(5400),
                "Pacific Standard Time", BookingPriceType.hourly, new BigDecimal("40.50"), "USD",
                List.of(new Attendee("c1", "Name c1", "c1@example.com"), new Attendee("c2", null, null)));
        // bare (status null), then classified with and without registrations: READY carries every field
        rows.addAll(rules.bareRowsOf(twoAttendees));
        rows.addAll(rules.rowsOf(twoAttendees, Map.of("b1/c1", OneBooking.customer()), OneBooking.item()));
        rows.addAll(rules.rowsOf(OneBooking.appointment(BookingPriceType.priceVaries, null), Map.of(), null));
        assertThat(rows).extracting(BookingRow::status).contains(null, BookingStatus.READY,
                BookingStatus.UNMATCHED_CUSTOMER);

        rows.forEach(row -> assertWrittenAsTheConverterDoes(row, bson.row(row), row.id(), BookingRow.class));
    }

    @Test
    void statesAreTheConvertersDocumentsAndReadBackAsTheyWere() {
        List<AppointmentState> states = List.of(
                new AppointmentState("b1/a1", "r1", AT, false, List.of(OneBooking.ID), OneBooking.appointment()),
                new AppointmentState("b1/a2", "r2", AT.plusSeconds(60), false, List.of("b1/a2/c1", "b1/a2/c2"),
                        new Appointment("b1", "a2", "r2", AT, "s2", "Call us", AT, AT.plusSeconds(60), "Europe/Berlin",
                                BookingPriceType.callUs, null, null, List.of())),
                // a cancellation that came before its appointment
                new AppointmentState("b1/a3", null, AT, true, List.of(), null));

        states.forEach(state -> assertWrittenAsTheConverterDoes(state, bson.state(state), state.id(),
                AppointmentState.class));
    }

    /** The hand-made document is the converter's, and the mapped reader reads it back as the record. */
    private <T> void assertWrittenAsTheConverterDoes(T record, Document byHand, String id, Class<T> type) {
        Document converted = new Document();
        mongo.getConverter().write(record, converted);
        assertThat(stored(byHand)).isEqualTo(stored(converted));
        mongo.getCollection(mongo.getCollectionName(type)).replaceOne(new Document("_id", id), byHand,
                new ReplaceOptions().upsert(true));
        assertThat(mongo.findById(id, type)).isEqualTo(record);
    }

    /** The BSON the driver sends for a document (the converter may leave a BigDecimal for the driver to encode). */
    private static BsonDocument stored(Document document) {
        return document.toBsonDocument(BsonDocument.class, MongoClientSettings.getDefaultCodecRegistry());
    }
}
