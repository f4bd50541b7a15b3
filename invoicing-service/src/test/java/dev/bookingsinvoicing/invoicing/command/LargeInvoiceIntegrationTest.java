package dev.bookingsinvoicing.invoicing.command;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.utils.KafkaTestUtils;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.bookingsinvoicing.commands.InvoiceBookings;
import dev.bookingsinvoicing.commands.InvoiceScope;
import dev.bookingsinvoicing.events.CommandCompleted;
import dev.bookingsinvoicing.events.DraftInvoiceCreated;
import dev.bookingsinvoicing.invoicing.EmbeddedMongo;
import dev.bookingsinvoicing.invoicing.InvoicingServiceTest;
import dev.bookingsinvoicing.invoicing.view.BookingRow;
import dev.bookingsinvoicing.invoicing.view.BookingStatus;
import dev.bookingsinvoicing.kafka.testing.TopicReader;
import dev.bookingsinvoicing.serde.AvroSerializer;
import dev.bookingsinvoicing.schemas.EventSchemas;
import dev.bookingsinvoicing.schemas.Topics;

/**
 * One customer with {@code invoicing.large.bookings} ready bookings (20,000 unless set) invoiced by one command, over
 * the real broker and MongoDB server: one DraftInvoiceCreated would be several MB, past Kafka's 1 MB record limit,
 * so the command must give ceil(n / 500) drafts of consecutive lines, all committed on the topic and stored, and a
 * re-sent command nothing new. The oracle is the list of bookings the test wrote, in the order it dated them.
 */
@InvoicingServiceTest
class LargeInvoiceIntegrationTest {

    private static final int BOOKINGS = Integer.getInteger("invoicing.large.bookings", 20_000);
    private static final int MAX_LINES = InvoicePlanner.DEFAULT_MAX_LINES_PER_INVOICE;
    private static final Instant FIRST = Instant.parse("2026-01-01T09:00:00Z");
    private static final BigDecimal PRICE = new BigDecimal("12.50");

    @DynamicPropertySource
    static void mongo(DynamicPropertyRegistry registry) {
        EmbeddedMongo.database(registry, "invoicing-large");
    }

    @Autowired
    EmbeddedKafkaBroker broker;

    @Autowired
    MongoTemplate mongo;

    @Test
    void oneCustomersTwentyThousandBookingsBecomeDraftsOfAtMostTheMaximumLinesAllOnTheTopic() {
        // Given: the view holds the customer's ready bookings, one a minute, ids not in date order
        List<BookingRow> rows = new ArrayList<>();
        for (int i = 0; i < BOOKINGS; i++) {
            Instant start = FIRST.plus(Duration.ofMinutes(i));
            String appointment = "a" + Integer.toString((i * 7919) % 100_003, 36) + "-" + i;
            rows.add(new BookingRow("gym/" + appointment + "/c1", "gym", appointment, "c1", start,
                    start.plusSeconds(1800), 30, "UTC", start.toString().substring(0, 10), "s1", "Training", "SVC0010",
                    "Ann", "ann@example.com", "C00010", "Ann Smith", "fixedPrice", PRICE, "EUR", BigDecimal.ONE, PRICE,
                    PRICE, "r1", BookingStatus.READY, null));
        }
        mongo.insert(rows, BookingRow.class);
        List<String> expectedOrder = rows.stream().sorted(Comparator.comparing(BookingRow::start))
                .map(BookingRow::id).toList();
        int expectedDrafts = (BOOKINGS + MAX_LINES - 1) / MAX_LINES;

        KafkaTemplate<String, SpecificRecord> producer = new KafkaTemplate<>(new DefaultKafkaProducerFactory<>(
                KafkaTestUtils.producerProps(broker), new StringSerializer(), new AvroSerializer()));
        InvoiceBookings command = InvoiceBookings.newBuilder().setCommandId("cmd-large").setIssuedAt(FIRST)
                .setIssuedBy("test").setScope(InvoiceScope.CUSTOMER).setCustomerNo("C00010").build();
        try (TopicReader invoices = new TopicReader(broker.getBrokersAsString(), Topics.INVOICES);
                TopicReader results = new TopicReader(broker.getBrokersAsString(), Topics.COMMAND_RESULTS)) {
            long started = System.nanoTime();
            // When: one command invoices the customer
            producer.send(Topics.INVOICING_COMMANDS, "cmd-large", command).join();

            // Then: every draft is committed on the topic (read_committed), each of at most the maximum lines
            List<DraftInvoiceCreated> drafts = invoicesOf(invoices, expectedDrafts);
            CommandCompleted completed = completedOf(results, 1).get(0);
            System.out.printf("%d bookings invoiced on %d drafts in %d ms%n", BOOKINGS, drafts.size(),
                    (System.nanoTime() - started) / 1_000_000);
            assertThat(drafts).hasSize(expectedDrafts).allSatisfy(d -> {
                assertThat(d.getLines()).hasSizeBetween(1, MAX_LINES);
                assertThat(d.getCustomerNo()).isEqualTo("C00010");
                assertThat(d.getTotalAmount()).isEqualTo(PRICE.multiply(BigDecimal.valueOf(d.getLines().size())));
            });
            // the lines are exactly the bookings, once each, in date order across the parts
            List<String> lines = drafts.stream().sorted(Comparator.comparing(d -> d.getLines().get(0).getServiceDate()))
                    .flatMap(d -> d.getLines().stream()).map(l -> l.getBookingId()).toList();
            assertThat(lines).isEqualTo(expectedOrder);
            Set<String> draftIds = drafts.stream().map(DraftInvoiceCreated::getInvoiceId).collect(Collectors.toSet());
            assertThat(draftIds).hasSize(expectedDrafts);
            assertThat(completed.getBookingsInvoiced()).isEqualTo(BOOKINGS);
            assertThat(completed.getInvoiceIds()).containsExactlyInAnyOrderElementsOf(draftIds);
            assertThat(completed.getSkipped()).isEmpty();
            // and every stored draft is one of those on the topic: never a draft without its event
            assertThat(storedDraftIds()).isEqualTo(draftIds);
            assertThat(mongo.count(new Query(), BookingRow.class)).isZero();

            // When: the same command is re-sent
            producer.send(Topics.INVOICING_COMMANDS, "cmd-large", command).join();

            // Then: the identical result, the same drafts again at most, nothing new stored
            assertThat(completedOf(results, 2)).containsExactly(completed, completed);
            assertThat(invoices.drain(Duration.ofSeconds(2)).stream().filter(DraftInvoiceCreated.class::isInstance)
                    .map(v -> ((DraftInvoiceCreated) v).getInvoiceId()).collect(Collectors.toSet()))
                    .isEqualTo(draftIds);
            assertThat(storedDraftIds()).isEqualTo(draftIds);
        }
    }

    private Set<String> storedDraftIds() {
        return mongo.find(Query.query(Criteria.where("commandId").is("cmd-large")), DraftInvoice.class).stream()
                .map(DraftInvoice::id).collect(Collectors.toSet());
    }

    private static List<DraftInvoiceCreated> invoicesOf(TopicReader invoices, int count) {
        List<DraftInvoiceCreated> found = new ArrayList<>();
        invoices.awaitRaw(records -> {
            found.clear();
            records.stream().map(r -> EventSchemas.get().decode(r.value()))
                    .filter(v -> v instanceof DraftInvoiceCreated i && i.getCommandId().equals("cmd-large"))
                    .forEach(v -> found.add((DraftInvoiceCreated) v));
            return found.size() >= count;
        }, Duration.ofSeconds(120));
        return found;
    }

    private static List<CommandCompleted> completedOf(TopicReader results, int count) {
        List<CommandCompleted> found = new ArrayList<>();
        results.awaitRaw(records -> {
            found.clear();
            records.stream().map(r -> EventSchemas.get().decode(r.value()))
                    .filter(v -> v instanceof CommandCompleted c && c.getCommandId().equals("cmd-large"))
                    .forEach(v -> found.add((CommandCompleted) v));
            return found.size() >= count;
        }, Duration.ofSeconds(120));
        return found;
    }
}
