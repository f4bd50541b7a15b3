package dev.bookingsinvoicing.customers;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.kafka.test.utils.KafkaTestUtils;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.client.RestClient;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import dev.bookingsinvoicing.events.CustomerDiscovered;
import dev.bookingsinvoicing.events.CustomerRegistered;
import dev.bookingsinvoicing.events.CustomerRejected;
import dev.bookingsinvoicing.kafka.testing.TopicReader;
import dev.bookingsinvoicing.schemas.AvroSerializer;
import dev.bookingsinvoicing.schemas.Keys;
import dev.bookingsinvoicing.schemas.Topics;

/**
 * Given a customer service with a country filter (DK, SE), when ten Bookings customers are discovered (two without
 * email, two sharing an email in different case across businesses, one outside the filter), then exactly the right
 * registrations and rejections are published with one number per distinct email; a full replay changes nothing.
 */
@EmbeddedKafka(partitions = 1)
@SpringBootTest(classes = CustomerServiceApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
                "spring.config.name=customer-service",
                "spring.kafka.bootstrap-servers=${spring.embedded.kafka.brokers}",
                "bookings.kafka.topics.partitions=1",
                "bookings.kafka.retry.initial-interval=10ms",
                "bookings.customers.filter.country=DK,SE" })
class CustomerRegistrationIntegrationTest {

    private static final MongoServer MONGO = new MongoServer(new MemoryBackend());
    private static final InetSocketAddress MONGO_ADDRESS = MONGO.bind();

    @DynamicPropertySource
    static void mongo(DynamicPropertyRegistry registry) {
        registry.add("spring.mongodb.uri", () -> "mongodb://localhost:" + MONGO_ADDRESS.getPort() + "/customers");
    }

    @AfterAll
    static void stopMongo() {
        MONGO.shutdownNow();
    }

    @Autowired
    EmbeddedKafkaBroker broker;

    @LocalServerPort
    int port;

    private static final List<CustomerDiscovered> DISCOVERED = List.of(
            discovered("salon", "c1", "Ann Smith", "ann@example.com", "DK"),
            discovered("salon", "c2", "Bob Jones", "bob@example.com", "DK"),
            discovered("salon", "c3", "No Mail", null, "DK"),
            discovered("salon", "c4", "Blank Mail", "   ", "SE"),
            discovered("salon", "c5", "Sam Shared", "Sam.Shared@Example.com", "DK"),
            discovered("clinic", "k1", "Samuel Shared", " sam.shared@EXAMPLE.COM ", "SE"),
            discovered("salon", "c7", "Far Away", "far@example.com", "US"),
            discovered("clinic", "k2", "Carol White", "carol@example.com", "SE"),
            discovered("clinic", "k3", "Dave Black", "dave@example.com", "dk"),
            discovered("salon", "c10", "Eve Green", "eve@example.com", "DK"));

    @Test
    void registersEachDistinctEmailOnceRejectsWithReasonsAndReplaysWithoutNewNumbersOrEventIds() {
        KafkaTemplate<String, SpecificRecord> producer = new KafkaTemplate<>(new DefaultKafkaProducerFactory<>(
                KafkaTestUtils.producerProps(broker), new StringSerializer(), new AvroSerializer()));
        try (TopicReader registrations = new TopicReader(broker.getBrokersAsString(), Topics.CUSTOMER_REGISTRATIONS)) {
            // When: ten Bookings customers are discovered
            DISCOVERED.forEach(d -> send(producer, d));
            List<Object> first = registrations.awaitValues(10, Duration.ofSeconds(60));

            // Then: seven registrations, six customers numbered C00010..C00060; the shared email is one customer
            Map<String, CustomerRegistered> registered = first.stream().filter(CustomerRegistered.class::isInstance)
                    .map(CustomerRegistered.class::cast)
                    .collect(Collectors.toMap(r -> r.getBookingsCustomerId(), r -> r));
            assertThat(registered).containsOnlyKeys("c1", "c2", "c5", "k1", "k2", "k3", "c10");
            assertThat(registered.get("c5").getCustomerNo()).isEqualTo(registered.get("k1").getCustomerNo());
            assertThat(registered.get("c5").getNewCustomer()).isTrue();
            assertThat(registered.get("k1").getNewCustomer()).isFalse();
            assertThat(registered.get("k1").getEmailAddress()).isEqualTo("sam.shared@example.com");
            assertThat(registered.values().stream().map(CustomerRegistered::getCustomerNo).collect(Collectors.toSet()))
                    .containsExactlyInAnyOrder("C00010", "C00020", "C00030", "C00040", "C00050", "C00060");
            assertThat(registered.get("c1").getCustomerNo()).isEqualTo("C00010");
            assertThat(registered.values()).allSatisfy(r -> assertThat(r.getTemplateCode()).isEqualTo("BOOKINGS"));

            // Then: three rejections naming their rule and reason
            Map<String, CustomerRejected> rejected = first.stream().filter(CustomerRejected.class::isInstance)
                    .map(CustomerRejected.class::cast)
                    .collect(Collectors.toMap(r -> r.getBookingsCustomerId(), r -> r));
            assertThat(rejected).containsOnlyKeys("c3", "c4", "c7");
            assertThat(rejected.get("c3").getRule()).isEqualTo("email-required");
            assertThat(rejected.get("c3").getReason()).contains("no email address");
            assertThat(rejected.get("c4").getRule()).isEqualTo("email-required");
            assertThat(rejected.get("c7").getRule()).isEqualTo("country-filter");
            assertThat(rejected.get("c7").getReason()).contains("'US'").contains("DK, SE");

            // And the dashboard API shows the shared customer with both Bookings customers it came from
            Map<String, Object> shared = rest().get().uri("/api/customers/{no}", registered.get("c5").getCustomerNo())
                    .retrieve().body(new ParameterizedTypeReference<Map<String, Object>>() { });
            assertThat(shared).containsEntry("email", "sam.shared@example.com").containsEntry("name", "Sam Shared")
                    .containsEntry("customerPostingGroup", "DOMESTIC");
            assertThat((List<?>) shared.get("bookingsIds")).hasSize(2);

            // When: the whole topic is delivered again
            DISCOVERED.forEach(d -> send(producer, d));
            List<Object> all = registrations.awaitValues(20, Duration.ofSeconds(60));

            // Then: the same events are re-published (same ids, same numbers) and no customer is added
            assertThat(eventIds(all.subList(10, 20))).isEqualTo(eventIds(first));
            assertThat(customerCount()).isEqualTo(6);

            // When: a customer's name changes, the customer is updated and a new registration is published
            send(producer, discovered("salon", "c1", "Ann Smith-Berg", "ann@example.com", "DK"));
            CustomerRegistered renamed = (CustomerRegistered) registrations.awaitValues(21, Duration.ofSeconds(60)).get(20);
            assertThat(renamed.getCustomerNo()).isEqualTo("C00010");
            assertThat(renamed.getName()).isEqualTo("Ann Smith-Berg");
            assertThat(eventIds(all)).doesNotContain(renamed.getEventId());
            assertThat(customerCount()).isEqualTo(6);
        }
    }

    private RestClient rest() {
        return RestClient.create("http://localhost:" + port);
    }

    private long customerCount() {
        Map<String, Object> page = rest().get().uri("/api/customers?page=0&size=100").retrieve()
                .body(new ParameterizedTypeReference<Map<String, Object>>() { });
        assertThat((List<?>) page.get("customers")).hasSize(((Number) page.get("totalElements")).intValue());
        return ((Number) page.get("totalElements")).longValue();
    }

    private static Set<String> eventIds(List<Object> events) {
        return events.stream().map(e -> e instanceof CustomerRegistered r ? r.getEventId() : ((CustomerRejected) e).getEventId())
                .collect(Collectors.toSet());
    }

    private static void send(KafkaTemplate<String, SpecificRecord> producer, CustomerDiscovered d) {
        producer.send(Topics.CUSTOMERS, Keys.customer(d.getBusinessId(), d.getBookingsCustomerId()), d).join();
    }

    private static CustomerDiscovered discovered(String business, String id, String name, String email, String country) {
        return CustomerDiscovered.newBuilder().setEventId("discovered-" + business + "-" + id + "-" + name)
                .setOccurredAt(Instant.parse("2026-11-01T10:00:00Z")).setBusinessId(business + "@example.com")
                .setBookingsCustomerId(id).setDisplayName(name).setEmailAddress(email).setPhone("+45 1234")
                .setStreet("Main Street 1").setCity("Aarhus").setState(null).setPostalCode("8000")
                .setCountryOrRegion(country).build();
    }
}
