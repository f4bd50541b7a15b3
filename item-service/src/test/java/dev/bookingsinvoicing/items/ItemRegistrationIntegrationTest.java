package dev.bookingsinvoicing.items;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpMethod;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.bookingsinvoicing.events.ItemRegistered;
import dev.bookingsinvoicing.events.ItemRejected;
import dev.bookingsinvoicing.events.ItemUpdated;
import dev.bookingsinvoicing.events.PriceType;
import dev.bookingsinvoicing.events.ServiceDiscovered;
import dev.bookingsinvoicing.kafka.testing.TopicReader;
import dev.bookingsinvoicing.registration.testing.RegistrationServiceTest;
import dev.bookingsinvoicing.service.testing.TestMongo;
import dev.bookingsinvoicing.schemas.Keys;
import dev.bookingsinvoicing.schemas.Topics;

/**
 * The item service as its users meet it, one context over an embedded broker and the real wire-protocol MongoDB
 * server: services registered, rejected and reported; name and price changes as ItemUpdated; a replay of the input
 * topic from offset 0; template administration over the authenticated API, where an Inventory template is refused.
 */
@EmbeddedKafka(partitions = 1)
@SpringBootTest(classes = ItemServiceApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
                "spring.config.name=item-service",
                "bookings.kafka.topics.partitions=1",
                "bookings.kafka.retry.initial-interval=10ms",
                "bookings.items.filter.include-hidden=false" })
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ItemRegistrationIntegrationTest extends RegistrationServiceTest {

    @AutoClose
    private static final TestMongo MONGO = new TestMongo();
    private static final Instant T0 = Instant.parse("2026-11-01T10:00:00Z");

    @DynamicPropertySource
    static void mongo(DynamicPropertyRegistry registry) {
        registry.add("spring.mongodb.uri", () -> MONGO.uri("items"));
    }

    private static final List<ServiceDiscovered> DISCOVERED = List.of(
            discovered("salon", "s1", "Haircut", "25", false, T0),
            discovered("salon", "s2", "Colouring", "60.5", false, T0),
            discovered("salon", "s3", "Private consult", "80", true, T0),
            discovered("salon", "s4", " haircut ", "20", false, T0),
            discovered("salon", "s5", "Consultation", null, false, T0),
            discovered("clinic", "k1", "Haircut", "30", false, T0));

    @Test
    @Order(1)
    void eachServiceGetsItsOwnItemHiddenOnesAreRejectedAndSharedNamesReported() {
        // When six Bookings services are discovered
        DISCOVERED.forEach(this::send);
        List<Object> first = awaitEvents(6);

        // Then five items of type Service, numbered SVC0010..SVC0050, none shared
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
        assertThat(registered.get("s2").getExactUnitPrice()).isEqualByComparingTo("60.50");
        assertThat(registered.values()).allSatisfy(r -> {
            assertThat(r.getBaseUnitOfMeasure()).isEqualTo("HOUR");
            assertThat(r.getTemplateCode()).isEqualTo("BOOKINGS-SVC");
            // the template's posting groups (item-service.yml), so that an invoice's consumer needs no lookup
            assertThat(r.getGenProdPostingGroup()).isEqualTo("SERVICES");
            assertThat(r.getVatProdPostingGroup()).isEqualTo("VAT25");
        });

        // Then the hidden service is rejected with its rule
        assertThat(first.stream().filter(ItemRejected.class::isInstance).map(ItemRejected.class::cast).toList())
                .singleElement().satisfies(r -> {
                    assertThat(r.getServiceId()).isEqualTo("s3");
                    assertThat(r.getRule()).isEqualTo("hidden-from-customers");
                    assertThat(r.getReason()).contains("Private consult");
                });

        // And the two "Haircut" services of the salon are reported (the clinic's is another business)
        assertThat(duplicateNames()).singleElement().satisfies(d -> {
            assertThat(d).containsEntry("businessId", "salon@example.com").containsEntry("displayName", "Haircut");
            assertThat((List<?>) d.get("services")).hasSize(2);
        });
        assertThat(item("SVC0010")).containsEntry("type", "Service").containsEntry("genProdPostingGroup", "SERVICES")
                .containsEntry("serviceId", "s1");
        assertThat(get("/api/items/by-bookings-service?businessId=clinic@example.com&serviceId=k1"))
                .containsEntry("itemNo", registered.get("k1").getItemNo());
        assertThat(get("/api/items?businessId=salon@example.com")).containsEntry("totalElements", 4);
        assertThat(status(anonymous(), HttpMethod.GET, "/api/items", null)).isEqualTo(401);
    }

    @Test
    @Order(2)
    void aNewPriceOrNameIsAnnouncedAsItemUpdatedAndTheSharedNameIsNoLongerReported() {
        // When the salon's Haircut gets a new price, and its namesake is renamed (a later sync)
        send(discovered("salon", "s1", "Haircut", "30", false, T0.plusSeconds(60)));
        send(discovered("salon", "s4", "Beard trim", "20", false, T0.plusSeconds(60)));
        List<Object> changed = awaitEvents(8).subList(6, 8);

        // Then the same items, updated, announced as ItemUpdated naming what changed
        ItemUpdated repriced = (ItemUpdated) changed.get(0);
        assertThat(repriced.getItemNo()).isEqualTo("SVC0010");
        assertThat(repriced.getUnitPrice()).isEqualTo(new BigDecimal("30.00"));
        assertThat(repriced.getChangedFields()).containsExactly("unitPrice");
        ItemUpdated renamed = (ItemUpdated) changed.get(1);
        assertThat(renamed.getDescription()).isEqualTo("Beard trim");
        assertThat(renamed.getChangedFields()).containsExactly("description");
        assertThat(item("SVC0010")).containsEntry("unitPrice", 30.00).containsEntry("baseUnitOfMeasure", "HOUR");
        assertThat(duplicateNames()).isEmpty();
        assertThat(itemCount()).isEqualTo(5);
    }

    @Test
    @Order(3)
    void replayingTheServicesTopicFromOffsetZeroPublishesNoNewEventAndDrawsNoNumber() throws Exception {
        Set<String> before = allEvents().stream().map(e -> ((GenericRecord) e).get("eventId").toString())
                .collect(Collectors.toSet());

        replayFromStart("item-service", Topics.SERVICES);

        List<Object> after = allEvents();
        assertThat(after.size()).isGreaterThan(before.size());
        assertThat(after.stream().map(e -> ((GenericRecord) e).get("eventId").toString())).allMatch(before::contains);
        assertThat(itemCount()).isEqualTo(5);
        assertThat(item("SVC0010")).containsEntry("unitPrice", 30.00);
        assertThat(status(reader(), HttpMethod.GET, "/api/items/SVC0060", null)).isEqualTo(404);
    }

    @Test
    @Order(4)
    void aTemplateWithTypeInventoryIsRefusedAtSaveTimeWithAMessageThatSaysWhy() {
        String stock = """
                {"code":"STOCK","type":"Inventory","baseUnitOfMeasure":"PCS","genProdPostingGroup":"RETAIL",
                 "vatProdPostingGroup":"VAT25"}""";
        assertThat(status(anonymous(), HttpMethod.POST, "/api/item-templates", stock)).isEqualTo(401);
        assertThat(status(reader(), HttpMethod.POST, "/api/item-templates", stock)).isEqualTo(403);

        Map<String, Object> problem = problem(HttpMethod.POST, "/api/item-templates", stock);
        assertThat(problem).containsEntry("status", 400).containsEntry("title", "Invalid item template")
                .containsEntry("detail", "item template STOCK has type Inventory; Bookings services can only become "
                        + "items of type Service");
        // an update cannot sneak it in either
        assertThat(problem(HttpMethod.PUT, "/api/item-templates/BOOKINGS-SVC", stock.replace("STOCK", "BOOKINGS-SVC")))
                .containsEntry("status", 400);
        assertThat(problem(HttpMethod.POST, "/api/item-templates", stock.replace("Inventory", "Service")
                .replace("\"PCS\"", "\"\""))).containsEntry("status", 400)
                .containsEntry("detail", "baseUnitOfMeasure: base-unit-of-measure is required (e.g. HOUR or PCS)");

        String session = stock.replace("STOCK", "SESSION").replace("Inventory", "Service");
        assertThat(status(admin(), HttpMethod.POST, "/api/item-templates", session)).isEqualTo(201);
        assertThat(status(admin(), HttpMethod.PUT, "/api/item-templates/SESSION", session.replace("PCS", "HOUR")))
                .isEqualTo(200);
        Map<String, Object> list = get("/api/item-templates");
        assertThat(list).containsEntry("defaultTemplate", "BOOKINGS-SVC");
        assertThat((List<?>) list.get("templates")).hasSize(2);
        assertThat(problem(HttpMethod.DELETE, "/api/item-templates/BOOKINGS-SVC", null)).containsEntry("status", 409);
        assertThat(status(admin(), HttpMethod.DELETE, "/api/item-templates/SESSION", null)).isEqualTo(204);
    }

    private Map<String, Object> item(String itemNo) {
        return get("/api/items/{no}", itemNo);
    }

    private List<Map<String, Object>> duplicateNames() {
        return reader().get().uri("/api/items/duplicate-names").retrieve()
                .body(new ParameterizedTypeReference<List<Map<String, Object>>>() { });
    }

    private long itemCount() {
        Map<String, Object> page = get("/api/items?page=0&size=100");
        assertThat((List<?>) page.get("items")).hasSize(((Number) page.get("totalElements")).intValue());
        return ((Number) page.get("totalElements")).longValue();
    }

    private List<Object> awaitEvents(int count) {
        try (TopicReader reader = new TopicReader(broker.getBrokersAsString(), Topics.ITEM_REGISTRATIONS)) {
            return reader.awaitValues(count, Duration.ofSeconds(60));
        }
    }

    private List<Object> allEvents() {
        try (TopicReader reader = new TopicReader(broker.getBrokersAsString(), Topics.ITEM_REGISTRATIONS)) {
            return reader.drain(Duration.ofSeconds(2));
        }
    }

    private void send(ServiceDiscovered d) {
        send(Topics.SERVICES, Keys.service(d.getBusinessId(), d.getServiceId()), d);
    }

    private static ServiceDiscovered discovered(String business, String id, String name, String price, boolean hidden,
            Instant at) {
        return ServiceDiscovered.newBuilder().setEventId("discovered-" + business + "-" + id + "-" + name + "-" + price)
                .setOccurredAt(at).setBusinessId(business + "@example.com")
                .setServiceId(id).setDisplayName(name)
                .setPriceType(price == null ? PriceType.priceVaries : PriceType.fixedPrice)
                .setDefaultPrice(price == null ? null : new BigDecimal(price).setScale(2))
                .setCurrency("EUR").setDefaultDurationMinutes(30).setMaximumAttendeesCount(1)
                .setHiddenFromCustomers(hidden).build();
    }
}
