package dev.bookingsinvoicing.invoicing.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.kafka.test.utils.KafkaTestUtils;

import dev.bookingsinvoicing.commands.InvoiceBookings;
import dev.bookingsinvoicing.events.AppointmentCompleted;
import dev.bookingsinvoicing.events.Attendee;
import dev.bookingsinvoicing.events.CustomerRegistered;
import dev.bookingsinvoicing.events.DraftInvoiceCreated;
import dev.bookingsinvoicing.events.ItemRegistered;
import dev.bookingsinvoicing.events.PriceType;
import dev.bookingsinvoicing.invoicing.InvoicingServiceApplication;
import dev.bookingsinvoicing.invoicing.view.BookingClaim;
import dev.bookingsinvoicing.invoicing.view.BookingRow;
import dev.bookingsinvoicing.invoicing.view.BookingStatus;
import dev.bookingsinvoicing.kafka.testing.TopicReader;
import dev.bookingsinvoicing.schemas.EventSchemas;
import dev.bookingsinvoicing.schemas.Keys;
import dev.bookingsinvoicing.schemas.Topics;
import dev.bookingsinvoicing.serde.AvroSerializer;
import dev.bookingsinvoicing.service.testing.TestMongo;

/**
 * The scripted crash: two independent instances read the same events and the same InvoiceBookings (own consumer
 * groups, own databases). The "clean" one carries it out. The other stops dead after claiming the bookings and before
 * storing or publishing anything (its command container is stopped and the Kafka transaction aborted, so the offset
 * is not committed), is closed, and a new instance on its database is started: it receives the command again and
 * must produce exactly the clean run's invoices, same ids, same lines, same totals, in MongoDB and on the topic.
 */
@EmbeddedKafka(partitions = 1)
class CrashRestartIntegrationTest {

    @AutoClose
    private static final TestMongo MONGO = new TestMongo();
    private static final Instant MONDAY = Instant.parse("2026-03-02T09:00:00Z");
    private static final String COMMAND = "crash-cmd";

    @Test
    void aRestartAfterACrashBetweenClaimAndPublishGivesTheInvoicesOfACleanRun(EmbeddedKafkaBroker broker)
            throws Exception {
        KafkaTemplate<String, SpecificRecord> producer = new KafkaTemplate<>(new DefaultKafkaProducerFactory<>(
                KafkaTestUtils.producerProps(broker), new StringSerializer(), new AvroSerializer()));
        List<String> bookingIds = givenReadyBookings(producer);

        AtomicReference<ConfigurableApplicationContext> crashing = new AtomicReference<>();
        CountDownLatch crashed = new CountDownLatch(1);
        CommandSteps crashAfterClaims = (commandId, step) -> {
            if (COMMAND.equals(commandId) && CommandSteps.CLAIMED.equals(step) && crashed.getCount() > 0) {
                // the process dies here: nothing more happens in this instance, its transaction is aborted
                crashed.countDown();
                crashing.get().getBean(KafkaListenerEndpointRegistry.class).getListenerContainer("crash-commands")
                        .stop(() -> {
                        });
                throw new IllegalStateException("simulated crash after claiming");
            }
        };
        ConfigurableApplicationContext clean = start(broker, "clean", null);
        ConfigurableApplicationContext crash = start(broker, "crash", crashAfterClaims);
        crashing.set(crash);
        ConfigurableApplicationContext restarted = null;
        try (TopicReader invoiceEvents = new TopicReader(broker.getBrokersAsString(), Topics.INVOICES)) {
            MongoTemplate cleanDb = clean.getBean(MongoTemplate.class);
            MongoTemplate crashDb = crash.getBean(MongoTemplate.class);
            await().atMost(Duration.ofSeconds(60)).until(() -> allReady(cleanDb, bookingIds)
                    && allReady(crashDb, bookingIds));

            // When: the command arrives; the clean instance completes it, the other crashes after its claims
            producer.send(Topics.INVOICING_COMMANDS, COMMAND, InvoiceBookings.newBuilder().setCommandId(COMMAND)
                    .setIssuedAt(MONDAY).setIssuedBy("ops").setScope(dev.bookingsinvoicing.commands.InvoiceScope.ALL)
                    .setBusinessId("crashco").build()).join();
            assertThat(crashed.await(60, TimeUnit.SECONDS)).isTrue();
            await().atMost(Duration.ofSeconds(60)).until(() -> cleanDb.findById(COMMAND, CommandResult.class) != null);
            List<DraftInvoice> cleanInvoices = invoices(cleanDb);

            // the crashed instance claimed every booking but stored no invoice and no result
            assertThat(bookingIds).allSatisfy(id -> assertThat(crashDb.findById(id, BookingClaim.class)).isNotNull());
            assertThat(invoices(crashDb)).isEmpty();
            assertThat(crashDb.findById(COMMAND, CommandResult.class)).isNull();
            crash.close();

            // Then: restarted on the same database, it gets the command again and makes the clean run's invoices
            restarted = start(broker, "crash", null);
            MongoTemplate restartedDb = restarted.getBean(MongoTemplate.class);
            await().atMost(Duration.ofSeconds(60)).until(() -> restartedDb.findById(COMMAND, CommandResult.class)
                    != null);
            List<DraftInvoice> restartedInvoices = invoices(restartedDb);
            assertThat(cleanInvoices).hasSize(2);
            assertThat(comparable(restartedInvoices)).isEqualTo(comparable(cleanInvoices));
            CommandResult cleanResult = cleanDb.findById(COMMAND, CommandResult.class);
            CommandResult restartedResult = restartedDb.findById(COMMAND, CommandResult.class);
            assertThat(restartedResult.invoiceIds()).isEqualTo(cleanResult.invoiceIds());
            assertThat(restartedResult.bookingIds()).isEqualTo(cleanResult.bookingIds());
            assertThat(restartedResult.bookingsInvoiced()).isEqualTo(5);

            // and the events: each invoice published once per instance (the crashed attempt's were aborted), with
            // the same lines and totals, byte for byte
            List<DraftInvoiceCreated> events = new ArrayList<>();
            invoiceEvents.awaitRaw(records -> {
                events.clear();
                records.forEach(r -> events.add((DraftInvoiceCreated) EventSchemas.get().decode(r.value())));
                return events.size() >= 4;
            }, Duration.ofSeconds(60));
            for (DraftInvoice invoice : cleanInvoices) {
                List<DraftInvoiceCreated> copies = events.stream()
                        .filter(e -> e.getInvoiceId().equals(invoice.id())).toList();
                assertThat(copies).hasSize(2);
                assertThat(copies.get(0).getLines()).isEqualTo(copies.get(1).getLines());
                assertThat(copies.get(0).getTotalAmount()).isEqualTo(copies.get(1).getTotalAmount());
                assertThat(copies.get(0).getTotalAmount()).isEqualTo(invoice.totalAmount());
            }
        } finally {
            clean.close();
            if (crash.isActive()) {
                crash.close();
            }
            if (restarted != null) {
                restarted.close();
            }
        }
    }

    private static List<String> givenReadyBookings(KafkaTemplate<String, SpecificRecord> producer) {
        producer.send(Topics.ITEM_REGISTRATIONS, Keys.service("crashco", "s-x"), new ItemRegistered("item-crash",
                MONDAY, "crashco", "s-x", "I-X", "Check-up", null, "HOUR", "SERVICES", null, null, null)).join();
        for (String[] c : new String[][] { { "k1", "C01000" }, { "k2", "C02000" } }) {
            producer.send(Topics.CUSTOMER_REGISTRATIONS, Keys.customer("crashco", c[0]), new CustomerRegistered(
                    "reg-crash-" + c[0], MONDAY, "crashco", c[0], c[1], "Patient " + c[0], c[0] + "@example.com",
                    "BOOKINGS", true, null, null, null)).join();
        }
        List<String> ids = new ArrayList<>();
        String[][] appointments = { { "x1", "k1", "30" }, { "x2", "k1", "90" }, { "x3", "k2", "45" },
                { "x4", "k2", "60" }, { "x5", "k1", "15" } };
        for (int i = 0; i < appointments.length; i++) {
            String[] a = appointments[i];
            Instant start = MONDAY.plus(Duration.ofDays(i));
            producer.send(Topics.APPOINTMENTS, Keys.appointment("crashco", a[0]), AppointmentCompleted.newBuilder()
                    .setEventId("appt-crash-" + a[0]).setOccurredAt(start.plus(Duration.ofHours(3)))
                    .setBusinessId("crashco").setAppointmentId(a[0]).setRevision("r1").setServiceId("s-x")
                    .setServiceName("Check-up").setStart(start).setEnd(start.plus(Duration.ofMinutes(
                            Long.parseLong(a[2])))).setPriceType(i % 2 == 0 ? PriceType.hourly : PriceType.fixedPrice)
                    .setPrice(new BigDecimal("37.50")).setCurrency("EUR")
                    .setAttendees(List.of(new Attendee(a[1], "Patient " + a[1], a[1] + "@example.com", null)))
                    .build()).join();
            ids.add(Keys.booking("crashco", a[0], a[1]));
        }
        return ids;
    }

    private static ConfigurableApplicationContext start(EmbeddedKafkaBroker broker, String name, CommandSteps hook) {
        return InvoicingServiceApplication.builder()
                .initializers(context -> {
                    if (hook != null) {
                        context.getBeanFactory().registerSingleton("crashHook", hook);
                    }
                })
                .run("--spring.kafka.bootstrap-servers=" + broker.getBrokersAsString(),
                        "--spring.mongodb.uri=" + MONGO.uri(name),
                        "--server.port=0", "--bookings.kafka.topics.partitions=1",
                        "--bookings.kafka.retry.initial-interval=10ms",
                        "--bookings.invoicing.view-group=" + name + "-view",
                        "--bookings.invoicing.command-group=" + name + "-commands",
                        "--spring.kafka.producer.transaction-id-prefix=" + name + "-tx-",
                        "--spring.main.banner-mode=off");
    }

    private static boolean allReady(MongoTemplate mongo, List<String> ids) {
        return ids.stream().map(id -> mongo.findById(id, BookingRow.class))
                .allMatch(r -> r != null && r.status() == BookingStatus.READY);
    }

    private static List<DraftInvoice> invoices(MongoTemplate mongo) {
        return mongo.findAll(DraftInvoice.class).stream().filter(i -> i.commandId().equals(COMMAND))
                .sorted(Comparator.comparing(DraftInvoice::id)).toList();
    }

    /** Everything but the creation time, which is the time each instance planned at. */
    private static List<List<Object>> comparable(List<DraftInvoice> invoices) {
        return invoices.stream().map(i -> List.<Object>of(i.id(), i.commandId(), i.customerNo(), i.customerName(),
                i.currency(), i.lines(), i.totalAmount())).toList();
    }
}
