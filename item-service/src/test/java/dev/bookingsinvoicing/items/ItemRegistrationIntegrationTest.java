package dev.bookingsinvoicing.items;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
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
import dev.bookingsinvoicing.events.ItemRegistered;
import dev.bookingsinvoicing.events.ItemRejected;
import dev.bookingsinvoicing.events.PriceType;
import dev.bookingsinvoicing.events.ServiceDiscovered;
import dev.bookingsinvoicing.kafka.testing.TopicReader;
import dev.bookingsinvoicing.schemas.AvroSerializer;
import dev.bookingsinvoicing.schemas.Keys;
import dev.bookingsinvoicing.schemas.Topics;

/**
 * Given an item service that excludes hidden services, when six Bookings services are discovered (one hidden, two
 * with the same name in one business), then each accepted service gets its own item SVC0010.., the hidden one is
 * rejected, the shared name is reported; a full replay changes nothing and a price change updates the item.
 */
@EmbeddedKafka(partitions = 1)
@SpringBootTest(classes = ItemServiceApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
                "spring.config.name=item-service",
                "spring.kafka.bootstrap-servers=${spring.embedded.kafka.brokers}",
                "bookings.kafka.topics.partitions=1",
                "bookings.kafka.retry.initial-interval=10ms",
                "bookings.items.filter.include-hidden=false" })
class ItemRegistrationIntegrationTest {

    private static final MongoServer MONGO = new MongoServer(new MemoryBackend());
    private static final InetSocketAddress MONGO_ADDRESS = MONGO.bind();

    @DynamicPropertySource
    static void mongo(DynamicPropertyRegistry registry) {
        registry.add("spring.mongodb.uri", () -> "mongodb://localhost:" + MONGO_ADDRESS.getPort() + "/items");
    }

    @AfterAll
    static void stopMongo() {
        MONGO.shutdownNow();
    }

    @Autowired
    EmbeddedKafkaBroker broker;

    @LocalServerPort
    int port;

    private static final List<ServiceDiscovered> DISCOVERED = List.of(
            discovered("salon", "s1", "Haircut", "25", false),
            discovered("salon", "s2", "Colouring", "60.5", false),
            discovered("salon", "s3", "Private consult", "80", true),
            discovered("salon", "s4", " haircut ", "20", false),
            discovered("salon", "s5", "Consultation", null, false),
            discovered("clinic", "k1", "Haircut", "30", false));

    @Test
    void eachServiceGetsItsOwnItemHiddenOnesAreRejectedSharedNamesReportedAndReplaysChangeNothing() {
        KafkaTemplate<String, SpecificRecord> producer = new KafkaTemplate<>(new DefaultKafkaProducerFactory<>(
                KafkaTestUtils.producerProps(broker), new StringSerializer(), new AvroSerializer()));
        try (TopicReader registrations = new TopicReader(broker.getBrokersAsString(), Topics.ITEM_REGISTRATIONS)) {
            // When: six Bookings services are discovered
            DISCOVERED.forEach(d -> send(producer, d));
            List<Object> first = registrations.awaitValues(6, Duration.ofSeconds(60));

            // Then: five items of type Service, numbered SVC0010..SVC0050, none shared
            Map<String, ItemRegistered> registered = first.stream().filter(ItemRegistered.class::isInstance)
                    .map(ItemRegistered.class::cast).collect(Collectors.toMap(ItemRegistered::getServiceId, r -> r));
            assertThat(registered).containsOnlyKeys("s1", "s2", "s4", "s5", "k1");
            assertThat(registered.values()).extracting(ItemRegistered::getItemNo)
                    .containsExactlyInAnyOrder("SVC0010", "SVC0020", "SVC0030", "SVC0040", "SVC0050");
            assertThat(registered.get("s1").getItemNo()).isEqualTo("SVC0010");
            assertThat(registered.get("s1").getDescription()).isEqualTo("Haircut");
            assertThat(registered.get("s1").getUnitPrice()).isEqualTo(new BigDecimal("25.00"));
            assertThat(registered.get("s2").getUnitPrice()).isEqualTo(new BigDecimal("60.50"));
            assertThat(registered.get("s5").getUnitPrice()).isNull();
            assertThat(registered.values()).allSatisfy(r -> {
                assertThat(r.getBaseUnitOfMeasure()).isEqualTo("HOUR");
                assertThat(r.getTemplateCode()).isEqualTo("BOOKINGS-SVC");
            });

            // Then: the hidden service is rejected with its rule
            List<ItemRejected> rejected = first.stream().filter(ItemRejected.class::isInstance)
                    .map(ItemRejected.class::cast).toList();
            assertThat(rejected).singleElement().satisfies(r -> {
                assertThat(r.getServiceId()).isEqualTo("s3");
                assertThat(r.getRule()).isEqualTo("hidden-from-customers");
                assertThat(r.getReason()).contains("Private consult");
            });

            // And: the two "Haircut" services of the salon are reported (the clinic's is another business)
            List<Map<String, Object>> duplicates = duplicateNames();
            assertThat(duplicates).singleElement().satisfies(d -> {
                assertThat(d).containsEntry("businessId", "salon@example.com").containsEntry("displayName", "Haircut");
                assertThat((List<?>) d.get("services")).hasSize(2);
            });
            Map<String, Object> item = item("SVC0010");
            assertThat(item).containsEntry("type", "Service").containsEntry("genProdPostingGroup", "SERVICES")
                    .containsEntry("serviceId", "s1");

            // When: the whole topic is delivered again
            DISCOVERED.forEach(d -> send(producer, d));
            List<Object> all = registrations.awaitValues(12, Duration.ofSeconds(60));

            // Then: the same events again (same ids, same numbers) and no new item
            assertThat(eventIds(all.subList(6, 12))).isEqualTo(eventIds(first));
            assertThat(itemCount()).isEqualTo(5);

            // When: the salon's Haircut gets a new price, and its namesake is renamed
            send(producer, discovered("salon", "s1", "Haircut", "30", false));
            send(producer, discovered("salon", "s4", "Beard trim", "20", false));
            List<Object> changed = registrations.awaitValues(14, Duration.ofSeconds(60)).subList(12, 14);

            // Then: the same items, updated, announced with new event ids; the shared name is gone
            ItemRegistered repriced = (ItemRegistered) changed.get(0);
            assertThat(repriced.getItemNo()).isEqualTo("SVC0010");
            assertThat(repriced.getUnitPrice()).isEqualTo(new BigDecimal("30.00"));
            assertThat(((ItemRegistered) changed.get(1)).getItemNo()).isEqualTo(registered.get("s4").getItemNo());
            assertThat(eventIds(all)).doesNotContainAnyElementsOf(eventIds(changed));
            assertThat(item("SVC0010")).containsEntry("unitPrice", 30.00);
            assertThat(duplicateNames()).isEmpty();
            assertThat(itemCount()).isEqualTo(5);
        }
    }

    private RestClient rest() {
        return RestClient.create("http://localhost:" + port);
    }

    private Map<String, Object> item(String itemNo) {
        return rest().get().uri("/api/items/{no}", itemNo).retrieve()
                .body(new ParameterizedTypeReference<Map<String, Object>>() { });
    }

    private List<Map<String, Object>> duplicateNames() {
        return rest().get().uri("/api/items/duplicate-names").retrieve()
                .body(new ParameterizedTypeReference<List<Map<String, Object>>>() { });
    }

    private long itemCount() {
        Map<String, Object> page = rest().get().uri("/api/items?page=0&size=100").retrieve()
                .body(new ParameterizedTypeReference<Map<String, Object>>() { });
        assertThat((List<?>) page.get("items")).hasSize(((Number) page.get("totalElements")).intValue());
        return ((Number) page.get("totalElements")).longValue();
    }

    private static Set<String> eventIds(List<Object> events) {
        return events.stream().map(e -> e instanceof ItemRegistered r ? r.getEventId() : ((ItemRejected) e).getEventId())
                .collect(Collectors.toSet());
    }

    private static void send(KafkaTemplate<String, SpecificRecord> producer, ServiceDiscovered d) {
        producer.send(Topics.SERVICES, Keys.service(d.getBusinessId(), d.getServiceId()), d).join();
    }

    private static ServiceDiscovered discovered(String business, String id, String name, String price, boolean hidden) {
        return ServiceDiscovered.newBuilder().setEventId("discovered-" + business + "-" + id + "-" + name + "-" + price)
                .setOccurredAt(Instant.parse("2026-11-01T10:00:00Z")).setBusinessId(business + "@example.com")
                .setServiceId(id).setDisplayName(name)
                .setPriceType(price == null ? PriceType.priceVaries : PriceType.fixedPrice)
                .setDefaultPrice(price == null ? null : new BigDecimal(price).setScale(2))
                .setCurrency("EUR").setDefaultDurationMinutes(30).setMaximumAttendeesCount(1)
                .setHiddenFromCustomers(hidden).build();
    }
}
