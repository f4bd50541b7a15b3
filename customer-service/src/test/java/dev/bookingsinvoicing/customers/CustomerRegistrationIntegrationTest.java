package dev.bookingsinvoicing.customers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;
import org.springframework.kafka.listener.ContainerProperties;
import org.springframework.kafka.listener.MessageListener;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.client.RestClient;

import dev.bookingsinvoicing.customers.registration.CustomerDiscoveredListener;
import dev.bookingsinvoicing.customers.registration.CustomerFilter;
import dev.bookingsinvoicing.customers.registration.CustomerProperties;
import dev.bookingsinvoicing.customers.registration.CustomerRegistrar;
import dev.bookingsinvoicing.customers.registration.CustomerStore;
import dev.bookingsinvoicing.customers.templates.CustomerTemplates;
import dev.bookingsinvoicing.events.CustomerDiscovered;
import dev.bookingsinvoicing.events.CustomerRegistered;
import dev.bookingsinvoicing.events.CustomerRejected;
import dev.bookingsinvoicing.events.CustomerUpdated;
import dev.bookingsinvoicing.kafka.testing.TopicReader;
import dev.bookingsinvoicing.registration.testing.RegistrationServiceTest;
import dev.bookingsinvoicing.service.testing.TestMongo;
import dev.bookingsinvoicing.schemas.EventSchemas;
import dev.bookingsinvoicing.schemas.Keys;
import dev.bookingsinvoicing.schemas.Topics;
import dev.bookingsinvoicing.service.registration.NumberSeries;

/**
 * The customer service as its users meet it, one context over an embedded broker with 4 partitions and the
 * real wire-protocol MongoDB server: the acceptance (40 Bookings customers), updates, a replay of the input
 * topic from offset 0, template administration over the authenticated API, and two consumer instances numbering
 * many customers in parallel. The series has six digits here, as 10,000 customers do not fit C + 5 digits at step 10.
 */
@EmbeddedKafka(partitions = 4)
@SpringBootTest(classes = CustomerServiceApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
                "spring.config.name=customer-service",
                "bookings.kafka.topics.partitions=4",
                "bookings.kafka.retry.initial-interval=10ms",
                "bookings.customers.filter.country=DK,SE",
                "bookings.customers.filter.postal-code=1000..8999",
                "bookings.customers.number-series.digits=6" })
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CustomerRegistrationIntegrationTest extends RegistrationServiceTest {

    /** Full size of the two-instance run is 10,000 (-Dcustomers.scale=10000); CI runs a smaller default. */
    private static final int SCALE = Integer.getInteger("customers.scale", 2_000);

    @AutoClose
    private static final TestMongo MONGO = new TestMongo();
    private static final Instant T0 = Instant.parse("2026-11-01T10:00:00Z");

    @DynamicPropertySource
    static void mongo(DynamicPropertyRegistry registry) {
        registry.add("spring.mongodb.uri", () -> MONGO.uri("customers"));
    }

    @Autowired
    ConsumerFactory<Object, Object> consumerFactory;

    @Autowired
    KafkaTemplate<String, SpecificRecord> serviceProducer;

    @Autowired
    CustomerTemplates templates;

    @Autowired
    CustomerProperties properties;

    @Test
    @Order(1)
    void fortyBookingsCustomersGiveExactlyTheRightRegistrationsAndRejectionsWithReasons() {
        // Given 40 Bookings customers: 5 without email, 2 sharing one email (in different case), 3 outside the filter
        List<CustomerDiscovered> discovered = new ArrayList<>();
        for (int i = 1; i <= 40; i++) {
            String email = "person" + i + "@example.com";
            String country = "DK";
            String postalCode = "8000";
            if (i <= 5) {
                email = i % 2 == 0 ? "  " : null;
            } else if (i == 7) {
                email = " PERSON6@Example.com";
            } else if (i == 8) {
                country = "US";
            } else if (i == 9) {
                country = "NO";
            } else if (i == 10) {
                postalCode = "9000";
            }
            discovered.add(discovered("acceptance", "c" + i, "Person " + i, email, "+45 " + i, "Aarhus", postalCode,
                    country, T0));
        }

        // When they are discovered
        discovered.forEach(this::send);

        // Then exactly 40 events: 32 registrations of 31 customers, 8 rejections naming the rule
        Map<String, Object> events = awaitEvents("acceptance", 40);
        assertThat(events).hasSize(40);
        Map<String, CustomerRegistered> registered = only(events, CustomerRegistered.class);
        Map<String, CustomerRejected> rejected = only(events, CustomerRejected.class);
        assertThat(registered).hasSize(32);
        assertThat(rejected).containsOnlyKeys("c1", "c2", "c3", "c4", "c5", "c8", "c9", "c10");
        assertThat(List.of("c1", "c2", "c3", "c4", "c5")).allSatisfy(c -> {
            assertThat(rejected.get(c).getRule()).isEqualTo("email-required");
            assertThat(rejected.get(c).getReason()).isEqualTo("Bookings customer Person " + c.substring(1)
                    + " has no email address; an email address is required");
        });
        assertThat(rejected.get("c8").getRule()).isEqualTo("country-filter");
        assertThat(rejected.get("c8").getReason()).isEqualTo("customer has country 'US'; the customer filter accepts only DK, SE");
        assertThat(rejected.get("c9").getRule()).isEqualTo("country-filter");
        assertThat(rejected.get("c10").getRule()).isEqualTo("postal-code-filter");
        assertThat(rejected.get("c10").getReason()).contains("'9000'").contains("1000..8999");

        // the shared email is one customer: both Bookings customers map to it, only the first created it
        assertThat(registered.get("c7").getCustomerNo()).isEqualTo(registered.get("c6").getCustomerNo());
        assertThat(registered.get("c6").getNewCustomer() ^ registered.get("c7").getNewCustomer()).isTrue();
        assertThat(registered.get("c7").getEmailAddress()).isEqualTo("person6@example.com");
        assertThat(registered.values()).allSatisfy(r -> assertThat(r.getTemplateCode()).isEqualTo("BOOKINGS"));
        // with the template's posting groups (customer-service.yml), so that an invoice's consumer needs no lookup
        assertThat(registered.values()).allSatisfy(r -> assertThat(List.of(r.getCustomerPostingGroup(),
                r.getGenBusPostingGroup(), r.getVatBusPostingGroup())).containsOnly("DOMESTIC"));

        // 31 numbers without gaps or duplicates: C000010 .. C000310
        Set<String> numbers = registered.values().stream().map(CustomerRegistered::getCustomerNo).collect(Collectors.toSet());
        assertThat(numbers).isEqualTo(series(31));

        // And the dashboard API lists them by business, with the Bookings ids each came from
        Map<String, Object> page = get("/api/customers?businessId={b}&size=100", business("acceptance"));
        assertThat(page).containsEntry("totalElements", 31);
        Map<String, Object> shared = get("/api/customers/by-bookings-customer?businessId={b}&bookingsCustomerId=c7",
                business("acceptance"));
        assertThat(shared).containsEntry("customerNo", registered.get("c6").getCustomerNo())
                .containsEntry("customerPostingGroup", "DOMESTIC");
        assertThat((List<?>) shared.get("bookingsIds")).hasSize(2);
        assertThat(status(anonymous(), HttpMethod.GET, "/api/customers", null)).isEqualTo(401);
    }

    @Test
    @Order(2)
    @SuppressWarnings("unchecked")
    void aChangedNamePhoneOrAddressIsAnnouncedAsCustomerUpdatedAndTemplateFieldsStay() {
        send(discovered("updates", "u1", "Ann Smith", "ann@example.com", "+45 1", "Aarhus", "8000", "DK", T0));
        CustomerRegistered registered = (CustomerRegistered) awaitEvents("updates", 1).get("0");

        // When Bookings renames her and she moves (a later sync)
        send(discovered("updates", "u1", "Ann Smith-Berg", "ann@example.com", "+45 1", "Odense", "5000", "DK",
                T0.plusSeconds(60)));

        // Then CustomerUpdated names the changed fields; the same customer, template defaults untouched
        CustomerUpdated updated = (CustomerUpdated) awaitEvents("updates", 2).get("1");
        assertThat(updated.getCustomerNo()).isEqualTo(registered.getCustomerNo());
        assertThat(updated.getName()).isEqualTo("Ann Smith-Berg");
        assertThat(updated.getChangedFields()).containsExactly("name", "address");
        Map<String, Object> customer = get("/api/customers/{no}", registered.getCustomerNo());
        assertThat(customer).containsEntry("name", "Ann Smith-Berg").containsEntry("paymentTermsCode", "14 DAYS");
        assertThat((Map<String, Object>) customer.get("address")).containsEntry("city", "Odense");
    }

    @Test
    @Order(3)
    void replayingTheCustomersTopicFromOffsetZeroPublishesNoNewEventAndDrawsNoNumber() throws Exception {
        Set<String> before = allEvents().stream().map(CustomerRegistrationIntegrationTest::eventId)
                .collect(Collectors.toSet());
        long customersBefore = customerCount();

        // When the consumer group is reset to offset 0 of bookings.customers (4 partitions) and consumes it all again
        replayFromStart("customer-service", Topics.CUSTOMERS);

        // Then every event published during the replay was published before, and no customer or number was added
        List<Object> after = allEvents();
        assertThat(after.size()).isGreaterThan(before.size());
        assertThat(after.stream().map(CustomerRegistrationIntegrationTest::eventId)).allMatch(before::contains);
        assertThat(customerCount()).isEqualTo(customersBefore).isEqualTo(32);
        List<String> numbers = customerNumbers();
        assertThat(new HashSet<>(numbers)).isEqualTo(series(32));
    }

    @Test
    @Order(4)
    void templatesAreManagedByAdminsOverTheApiAndAnInvalidOneIsExplained() {
        RestClient anonymous = anonymous();
        String spare = """
                {"code":"SPARE","description":"for walk-ins","customerPostingGroup":"DOMESTIC",
                 "genBusPostingGroup":"DOMESTIC","vatBusPostingGroup":"DOMESTIC","currencyCode":"EUR",
                 "countryRegionCode":"DK","pricesIncludingVat":true}""";
        assertThat(status(anonymous, HttpMethod.POST, "/api/customer-templates", spare)).isEqualTo(401);
        assertThat(status(reader(), HttpMethod.POST, "/api/customer-templates", spare)).isEqualTo(403);
        // refusals are problem details too, and a missing user is asked for Basic credentials
        String refusal = anonymous.post().uri("/api/customer-templates").contentType(MediaType.APPLICATION_JSON)
                .body(spare).exchange((req, res) -> res.getHeaders().getFirst("WWW-Authenticate") + " "
                        + res.getHeaders().getContentType() + " " + new String(res.getBody().readAllBytes()));
        assertThat(refusal).startsWith("Basic realm=\"Realm\" application/problem+json")
                .contains("needs the credentials (HTTP Basic) of a user with role READER or ADMIN");
        String denial = reader().post().uri("/api/customer-templates").contentType(MediaType.APPLICATION_JSON)
                .body(spare).exchange((req, res) -> new String(res.getBody().readAllBytes()));
        assertThat(denial).contains("changes need a user with role ADMIN");
        assertThat(status(admin(), HttpMethod.POST, "/api/customer-templates", spare)).isEqualTo(201);
        assertThat(status(admin(), HttpMethod.POST, "/api/customer-templates", spare)).isEqualTo(409);

        Map<String, Object> list = get("/api/customer-templates");
        assertThat(list).containsEntry("defaultTemplate", "BOOKINGS");
        assertThat((List<?>) list.get("templates")).hasSize(2);

        // an invalid template is refused with a problem detail naming each field
        Map<String, Object> problem = problem(HttpMethod.PUT, "/api/customer-templates/SPARE", spare
                .replace("\"EUR\"", "\"euro\"").replace("\"DOMESTIC\",\n \"genBus", "\"\",\n \"genBus"));
        assertThat(problem).containsEntry("status", 400).containsEntry("title", "Invalid template");
        assertThat((String) problem.get("detail")).contains("currencyCode: currency-code must be an ISO 4217 code");

        assertThat(status(admin(), HttpMethod.PUT, "/api/customer-templates/SPARE", spare.replace("walk-ins", "events")))
                .isEqualTo(200);
        assertThat(templates.find("SPARE").orElseThrow().description()).isEqualTo("for events");
        assertThat(problem(HttpMethod.DELETE, "/api/customer-templates/BOOKINGS", null)).containsEntry("status", 409)
                .containsEntry("detail", "customer template BOOKINGS is the default template "
                        + "(bookings.customers.default-template) and cannot be deleted");
        assertThat(status(admin(), HttpMethod.DELETE, "/api/customer-templates/SPARE", null)).isEqualTo(204);
        assertThat(status(admin(), HttpMethod.DELETE, "/api/customer-templates/SPARE", null)).isEqualTo(404);
    }

    @Test
    @Order(5)
    void twoInstancesOverFourPartitionsRegisterManyCustomersWithoutDuplicateNumbers() {
        // a second instance: its own MongoDB client, registrar and listener container, in the same consumer group
        AtomicInteger bySecond = new AtomicInteger();
        MongoTemplate mongo = MONGO.template("customers");
        CustomerStore store = new CustomerStore(mongo);
        CustomerTemplates secondTemplates = new CustomerTemplates(mongo, store, properties.defaultTemplate());
        CustomerDiscoveredListener second = new CustomerDiscoveredListener(new CustomerRegistrar(
                new CustomerFilter(properties.filter()), secondTemplates::defaultTemplate,
                properties.numberSeries().numbers(), store), serviceProducer);
        ContainerProperties containerProperties = new ContainerProperties(Topics.CUSTOMERS);
        containerProperties.setGroupId("customer-service");
        containerProperties.setMessageListener((MessageListener<String, Object>) record -> {
            second.on((CustomerDiscovered) record.value());
            bySecond.incrementAndGet();
        });
        ConcurrentMessageListenerContainer<Object, Object> container =
                new ConcurrentMessageListenerContainer<>(consumerFactory, containerProperties);
        container.setBeanName("customer-service-second-instance");
        container.start();
        try {
            await().atMost(Duration.ofSeconds(30)).until(() -> !container.getAssignedPartitions().isEmpty());

            long started = System.nanoTime();
            KafkaTemplate<String, SpecificRecord> producer = producer();
            for (int i = 0; i < SCALE; i++) {
                CustomerDiscovered d = discovered("scale", "s" + i, "Scale " + i, "scale" + i + "@example.com",
                        null, "Aarhus", "8000", "DK", T0);
                producer.send(Topics.CUSTOMERS, Keys.customer(d.getBusinessId(), d.getBookingsCustomerId()), d);
            }
            producer.flush();
            Map<String, Object> events = awaitEvents("scale", SCALE, Duration.ofSeconds(60 + SCALE / 50));
            double seconds = (System.nanoTime() - started) / 1e9;
            System.out.printf("two instances registered %d customers in %.1f s (%.0f/s); second instance took %d%n",
                    SCALE, seconds, SCALE / seconds, bySecond.get());

            List<String> numbers = events.values().stream().map(e -> ((CustomerRegistered) e).getCustomerNo())
                    .toList();
            assertThat(numbers).hasSize(SCALE).doesNotHaveDuplicates();
            assertThat(bySecond.get()).isBetween(1, SCALE - 1);
            assertThat(customerNumbers()).doesNotHaveDuplicates().hasSize(32 + SCALE);
        } finally {
            container.stop();
        }
    }

    private static Set<String> series(int count) {
        NumberSeries numbers = new NumberSeries("customer", "C", 6, 10);
        return IntStream.rangeClosed(1, count).mapToObj(i -> numbers.format(i * 10L)).collect(Collectors.toSet());
    }

    private List<String> customerNumbers() {
        List<String> numbers = new ArrayList<>();
        for (int page = 0; ; page++) {
            Map<String, Object> body = get("/api/customers?page={p}&size=500", page);
            List<?> customers = (List<?>) body.get("customers");
            customers.forEach(c -> numbers.add((String) ((Map<?, ?>) c).get("customerNo")));
            if (customers.size() < 500) {
                return numbers;
            }
        }
    }

    private long customerCount() {
        return ((Number) get("/api/customers?size=1").get("totalElements")).longValue();
    }

    private Map<String, Object> awaitEvents(String businessName, int count) {
        return awaitEvents(businessName, count, Duration.ofSeconds(60));
    }

    /**
     * The events of one business, in the order published: keyed by Bookings customer id when each customer has one
     * event, else by position ("0", "1", ...) for a single customer's history.
     */
    private Map<String, Object> awaitEvents(String businessName, int count, Duration timeout) {
        String prefix = business(businessName) + "/";
        try (TopicReader reader = new TopicReader(broker.getBrokersAsString(), Topics.CUSTOMER_REGISTRATIONS)) {
            List<ConsumerRecord<String, byte[]>> records = reader.awaitRaw(rs -> rs.stream()
                    .filter(r -> r.key().startsWith(prefix)).count() >= count, timeout).stream()
                    .filter(r -> r.key().startsWith(prefix)).toList();
            Map<String, Object> events = new java.util.LinkedHashMap<>();
            boolean oneCustomer = records.stream().map(ConsumerRecord::key).distinct().count() == 1;
            for (int i = 0; i < records.size(); i++) {
                String id = oneCustomer ? Integer.toString(i) : records.get(i).key().substring(prefix.length());
                events.put(id, EventSchemas.get().decode(records.get(i).value()));
            }
            return events;
        }
    }

    private List<Object> allEvents() {
        try (TopicReader reader = new TopicReader(broker.getBrokersAsString(), Topics.CUSTOMER_REGISTRATIONS)) {
            return reader.drain(Duration.ofSeconds(2));
        }
    }

    @SuppressWarnings("unchecked")
    private static <T> Map<String, T> only(Map<String, Object> events, Class<T> type) {
        return events.entrySet().stream().filter(e -> type.isInstance(e.getValue()))
                .collect(Collectors.toMap(Map.Entry::getKey, e -> (T) e.getValue()));
    }

    private static String eventId(Object event) {
        return ((org.apache.avro.generic.GenericRecord) event).get("eventId").toString();
    }

    private void send(CustomerDiscovered d) {
        send(Topics.CUSTOMERS, Keys.customer(d.getBusinessId(), d.getBookingsCustomerId()), d);
    }

    private static String business(String name) {
        return name + "@example.com";
    }

    private static CustomerDiscovered discovered(String businessName, String id, String name, String email,
            String phone, String city, String postalCode, String country, Instant at) {
        String business = business(businessName);
        return CustomerDiscovered.newBuilder()
                .setEventId(java.util.UUID.nameUUIDFromBytes((business + id + name + email + phone + city + postalCode
                        + country).getBytes(java.nio.charset.StandardCharsets.UTF_8)).toString())
                .setOccurredAt(at).setBusinessId(business).setBookingsCustomerId(id).setDisplayName(name)
                .setEmailAddress(email).setPhone(phone).setStreet("Main Street 1").setCity(city).setState(null)
                .setPostalCode(postalCode).setCountryOrRegion(country).build();
    }
}
