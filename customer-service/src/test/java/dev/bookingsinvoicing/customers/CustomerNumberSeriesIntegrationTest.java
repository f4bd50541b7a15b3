package dev.bookingsinvoicing.customers;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.micrometer.core.instrument.MeterRegistry;

import dev.bookingsinvoicing.customers.registration.CustomerDiscoveredListener;
import dev.bookingsinvoicing.customers.registration.CustomerFilter;
import dev.bookingsinvoicing.customers.registration.CustomerProperties;
import dev.bookingsinvoicing.customers.registration.CustomerRegistrar;
import dev.bookingsinvoicing.customers.registration.CustomerStore;
import dev.bookingsinvoicing.customers.templates.CustomerTemplates;
import dev.bookingsinvoicing.events.CustomerDiscovered;
import dev.bookingsinvoicing.events.CustomerRegistered;
import dev.bookingsinvoicing.events.CustomerUpdated;
import dev.bookingsinvoicing.kafka.KafkaSupportAutoConfiguration;
import dev.bookingsinvoicing.kafka.testing.TopicReader;
import dev.bookingsinvoicing.registration.testing.RegistrationServiceTest;
import dev.bookingsinvoicing.service.testing.TestMongo;
import dev.bookingsinvoicing.schemas.EventSchemas;
import dev.bookingsinvoicing.schemas.Keys;
import dev.bookingsinvoicing.schemas.Topics;

/**
 * The customer service over a real embedded broker and the wire-protocol MongoDB server with a two-digit series
 * (C10 .. C90, warned about from 80%): more Bookings customers than it holds, and a Bookings customer whose email
 * changes. What operators see: the WARN, the gauge, the health status, the dead letter with its reason, and the
 * dead letter replayed through a widened series taking the next number.
 */
@EmbeddedKafka(partitions = 1)
@SpringBootTest(classes = CustomerServiceApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
                "spring.config.name=customer-service",
                "bookings.kafka.topics.partitions=1",
                "bookings.kafka.retry.initial-interval=10ms",
                "bookings.kafka.retry.max-interval=20ms",
                "bookings.customers.number-series.digits=2",
                "bookings.customers.number-series.warn-at=0.8" })
@ExtendWith(OutputCaptureExtension.class)
class CustomerNumberSeriesIntegrationTest extends RegistrationServiceTest {

    @AutoClose
    private static final TestMongo MONGO = new TestMongo();
    private static final Instant T0 = Instant.parse("2026-11-01T10:00:00Z");
    private static final String BUSINESS = "series@example.com";

    @DynamicPropertySource
    static void mongo(DynamicPropertyRegistry registry) {
        registry.add("spring.mongodb.uri", () -> MONGO.uri("customers"));
    }

    @Autowired
    MeterRegistry meters;

    @Autowired
    CustomerStore store;

    @Autowired
    CustomerTemplates templates;

    @Autowired
    CustomerProperties properties;

    @Autowired
    KafkaTemplate<String, SpecificRecord> serviceProducer;

    @Test
    @SuppressWarnings("unchecked")
    void moreCustomersThanTheSeriesHoldsAreWarnedAboutThenDeadLetteredWithTheSettingToRaise(CapturedOutput output) {
        // Given an email change first: Ann keeps C10 and the invoicing view is told her new address
        send(discovered("c1", "Ann", "ann@example.com", T0));
        send(discovered("c1", "Ann", "ann.berg@example.com", T0.plusSeconds(60)));
        List<Object> ann = events(2);
        assertThat(((CustomerRegistered) ann.get(0)).getCustomerNo()).isEqualTo("C10");
        CustomerUpdated moved = (CustomerUpdated) ann.get(1);
        assertThat(moved.getCustomerNo()).isEqualTo("C10");
        assertThat(moved.getEmailAddress()).isEqualTo("ann.berg@example.com");
        assertThat(moved.getChangedFields()).containsExactly("email");

        // When 9 more Bookings customers with their own emails are discovered: the series holds 9 in all
        for (int i = 2; i <= 10; i++) {
            send(discovered("c" + i, "Person " + i, "person" + i + "@example.com", T0));
        }

        // Then 8 more numbers, C20 .. C90, and the tenth new customer dead-lettered with the setting to raise
        List<Object> events = events(10);
        assertThat(events.subList(2, 10)).extracting(e -> ((CustomerRegistered) e).getCustomerNo())
                .containsExactly("C20", "C30", "C40", "C50", "C60", "C70", "C80", "C90");
        ConsumerRecord<String, byte[]> deadLetter = deadLetters().get(0);
        assertThat(deadLetter.key()).isEqualTo(Keys.customer(BUSINESS, "c10"));
        String expected = "customer number series C is exhausted: all 9 numbers of 2 digits at step 10 are used "
                + "(its last number is C90); raise bookings.customers.number-series.digits to continue with the next "
                + "number";
        assertThat(new String(deadLetter.headers().lastHeader(KafkaSupportAutoConfiguration.REASON_HEADER).value(),
                StandardCharsets.UTF_8)).isEqualTo("NumberSeriesExhaustedException: " + expected);
        assertThat(output.getOut().lines().filter(l -> l.contains("WARN") && l.contains("number series C has")))
                .singleElement().satisfies(l -> assertThat(l).contains("customer number series C has 1 of 9 numbers "
                        + "left (80% warning threshold passed)"));
        assertThat(meters.get("bookings.numbers.remaining").tag("series", "customer").gauge().value()).isZero();
        // (the embedded MongoDB server does not answer the health check's "hello", so this contributor is asked alone)
        Map<String, Object> series = anonymous().get()
                .uri("/actuator/health/customerNumberSeries").exchange((req, res) -> {
                    assertThat(res.getStatusCode().value()).isEqualTo(200);
                    return res.bodyTo(new ParameterizedTypeReference<Map<String, Object>>() { });
                });
        assertThat(series).containsEntry("status", "DEGRADED").containsEntry("description", expected);
        assertThat((Map<String, Object>) series.get("details")).containsEntry("remaining", 0).containsEntry("capacity", 9);

        // And with the series widened to three digits, the replayed dead letter takes the very next number
        CustomerDiscoveredListener widened = new CustomerDiscoveredListener(new CustomerRegistrar(
                new CustomerFilter(properties.filter()), templates::defaultTemplate,
                new CustomerProperties.NumberSeriesSettings("C", 3, 10, 0.8).numbers(), store), serviceProducer);
        widened.on((CustomerDiscovered) EventSchemas.get().decode(deadLetter.value()));
        assertThat(((CustomerRegistered) events(11).get(10)).getCustomerNo()).isEqualTo("C100");
    }

    private List<Object> events(int count) {
        try (TopicReader reader = new TopicReader(broker.getBrokersAsString(), Topics.CUSTOMER_REGISTRATIONS)) {
            return reader.awaitRaw(rs -> rs.size() >= count, Duration.ofSeconds(30)).stream()
                    .map(r -> (Object) EventSchemas.get().decode(r.value())).toList();
        }
    }

    private List<ConsumerRecord<String, byte[]>> deadLetters() {
        try (TopicReader reader = new TopicReader(broker.getBrokersAsString(),
                Topics.CUSTOMERS + Topics.DEAD_LETTER_SUFFIX)) {
            return reader.awaitRaw(rs -> !rs.isEmpty(), Duration.ofSeconds(30));
        }
    }

    private void send(CustomerDiscovered d) {
        send(Topics.CUSTOMERS, Keys.customer(d.getBusinessId(), d.getBookingsCustomerId()), d);
    }

    private static CustomerDiscovered discovered(String id, String name, String email, Instant at) {
        return CustomerDiscovered.newBuilder()
                .setEventId(UUID.nameUUIDFromBytes((id + name + email).getBytes(StandardCharsets.UTF_8)).toString())
                .setOccurredAt(at).setBusinessId(BUSINESS).setBookingsCustomerId(id).setDisplayName(name)
                .setEmailAddress(email).setPhone(null).setStreet(null).setCity(null).setState(null)
                .setPostalCode(null).setCountryOrRegion(null).build();
    }
}
