package dev.bookingsinvoicing.invoicing.quarantine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.utils.KafkaTestUtils;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;
import org.springframework.web.util.HtmlUtils;

import tools.jackson.databind.json.JsonMapper;

import dev.bookingsinvoicing.events.BookingsRecordKind;
import dev.bookingsinvoicing.events.BookingsRecordQuarantined;
import dev.bookingsinvoicing.events.BookingsRecordReleased;
import dev.bookingsinvoicing.events.CustomerRegistered;
import dev.bookingsinvoicing.events.QuarantineResolution;
import dev.bookingsinvoicing.invoicing.EmbeddedMongo;
import dev.bookingsinvoicing.invoicing.InvoicingServiceTest;
import dev.bookingsinvoicing.kafka.testing.TopicReader;
import dev.bookingsinvoicing.serde.AvroSerializer;
import dev.bookingsinvoicing.schemas.EventSchemas;
import dev.bookingsinvoicing.schemas.Keys;
import dev.bookingsinvoicing.schemas.Topics;

/**
 * The Bookings records the sync could not use, from {@code bookings.quarantine} on the embedded broker to the API
 * and the operator page, against the real service and the embedded MongoDB server.
 *
 * <p>Given, in this order on the topic: a salon appointment quarantined, then again with a new reason; a salon
 * customer quarantined and released; a second salon appointment released before its (older) quarantine arrives;
 * both appointment events delivered again; an undecodable record and a record of another type; last, a gym
 * service quarantined. {@code salon-viewer} may see the salon, {@code spa-viewer} the spa (nothing quarantined).
 */
@InvoicingServiceTest
@TestPropertySource(properties = {
        "bookings.security.users[0].name=operator",
        "bookings.security.users[0].password={noop}operator",
        "bookings.security.users[0].roles=OPERATOR",
        "bookings.security.users[1].name=salon-viewer",
        "bookings.security.users[1].password={noop}salon",
        "bookings.security.users[1].roles=VIEWER",
        "bookings.security.users[1].businesses=salon",
        "bookings.security.users[2].name=spa-viewer",
        "bookings.security.users[2].password={noop}spa",
        "bookings.security.users[2].roles=VIEWER",
        "bookings.security.users[2].businesses=spa" })
class BookingsQuarantineIntegrationTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static final Instant FIRST_SEEN = Instant.parse("2026-03-02T09:00:00Z");
    private static final Instant LATER = Instant.parse("2026-03-02T10:00:00Z");
    private static final Instant LATEST = Instant.parse("2026-03-02T11:00:00Z");
    private static final String NO_ATTENDEES = "no attendees: nobody to bill";
    private static final String ENDS_BEFORE = "ends before it starts (start 2026-03-02T09:00:00Z, end 2026-03-02T08:00:00Z)";
    private static final String UNKNOWN_ZONE = "unknown time zone 'Mars Standard Time' (neither a Windows nor an IANA zone)";
    private static final String NO_NAME = "no display name & no price";

    /** What the operator must see, written out from the events above (not computed by the code under test). */
    private static final List<Map<String, Object>> EVERY_BUSINESS = List.of(
            Map.of("businessId", "gym", "kind", "SERVICE", "recordId", "s1", "reason", NO_NAME,
                    "firstSeenAt", "2026-03-02T09:00:00Z"),
            Map.of("businessId", "salon", "kind", "APPOINTMENT", "recordId", "a1", "reason", ENDS_BEFORE,
                    "firstSeenAt", "2026-03-02T09:00:00Z"));

    @DynamicPropertySource
    static void mongo(DynamicPropertyRegistry registry) {
        EmbeddedMongo.database(registry, "invoicing-quarantine");
    }

    @Autowired
    EmbeddedKafkaBroker broker;

    @LocalServerPort
    int port;

    /** Published once for the class (one Spring context). */
    private static boolean published;

    @BeforeEach
    void publishTheQuarantineTopic() throws Exception {
        if (published) {
            return;
        }
        DefaultKafkaProducerFactory<String, SpecificRecord> avro = new DefaultKafkaProducerFactory<>(
                KafkaTestUtils.producerProps(broker), new StringSerializer(), new AvroSerializer());
        DefaultKafkaProducerFactory<String, byte[]> bytes = new DefaultKafkaProducerFactory<>(
                KafkaTestUtils.producerProps(broker), new StringSerializer(), new ByteArraySerializer());
        try {
            KafkaTemplate<String, SpecificRecord> producer = new KafkaTemplate<>(avro);
            BookingsRecordQuarantined a1First = quarantined("salon", BookingsRecordKind.APPOINTMENT, "a1",
                    NO_ATTENDEES, FIRST_SEEN);
            BookingsRecordQuarantined a1NewReason = quarantined("salon", BookingsRecordKind.APPOINTMENT, "a1",
                    ENDS_BEFORE, LATER);
            BookingsRecordReleased a2Gone = released("salon", BookingsRecordKind.APPOINTMENT, "a2",
                    QuarantineResolution.GONE, LATEST);
            for (SpecificRecord event : List.of(a1First, a1NewReason,
                    quarantined("salon", BookingsRecordKind.CUSTOMER, "c1", "no email address", FIRST_SEEN),
                    released("salon", BookingsRecordKind.CUSTOMER, "c1", QuarantineResolution.READ, LATER),
                    a2Gone, quarantined("salon", BookingsRecordKind.APPOINTMENT, "a2", UNKNOWN_ZONE, LATER),
                    a1NewReason, a1First, a2Gone)) {
                producer.send(Topics.QUARANTINE, keyOf(event), event).join();
            }
            new KafkaTemplate<>(bytes).send(Topics.QUARANTINE, "garbage", "not a quarantine event".getBytes())
                    .join();
            // a record of another topic's type, written by a producer that does not use our serializer (which
            // refuses it): readable, but of no use here
            new KafkaTemplate<>(bytes).send(Topics.QUARANTINE, "salon/customer/c2", EventSchemas.get().encode(
                    new CustomerRegistered("reg-c2", FIRST_SEEN, "salon", "c2", "C00010", "Ann Smith",
                            "ann@example.com", "BOOKINGS", true, null, null, null))).join();
            BookingsRecordQuarantined last = quarantined("gym", BookingsRecordKind.SERVICE, "s1", NO_NAME,
                    FIRST_SEEN);
            producer.send(Topics.QUARANTINE, keyOf(last), last).join();
        } finally {
            avro.destroy();
            bytes.destroy();
        }
        // the gym's service is the last event on the (single) partition: once it shows, everything was applied
        await().atMost(Duration.ofSeconds(60)).until(() -> quarantineOf("operator:operator").equals(EVERY_BUSINESS));
        published = true;
    }

    @Test
    void theApiListsTheQuarantinedRecordsOfTheUsersBusinesses() throws Exception {
        assertThat(quarantineOf("operator:operator")).isEqualTo(EVERY_BUSINESS);
        assertThat(quarantineOf("salon-viewer:salon")).isEqualTo(List.of(EVERY_BUSINESS.get(1)));
        assertThat(quarantineOf("spa-viewer:spa")).isEmpty();

        HttpResponse<String> anonymous = get("/api/bookings-quarantine", "");
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(anonymous.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    }

    @Test
    void theRecordsItCannotUseGoToTheDeadLetterTopic() {
        try (TopicReader deadLetters = new TopicReader(broker.getBrokersAsString(),
                Topics.deadLetterOf(Topics.QUARANTINE))) {
            assertThat(deadLetters.awaitRaw(r -> r.size() >= 2, Duration.ofSeconds(30)))
                    .extracting(ConsumerRecord::key).containsExactly("garbage", "salon/customer/c2");
        }
    }

    @Test
    void thePageTellsEachUserAboutTheRecordsOfTheirBusinesses() throws Exception {
        String operatorPage = page("operator", "operator");
        assertThat(notice(operatorPage)).isEqualTo("2 Bookings records could not be read");
        assertThat(quarantineRows(operatorPage)).containsExactly(
                List.of("gym", "Service", "s1", NO_NAME, "2026-03-02 09:00"),
                List.of("salon", "Appointment", "a1", ENDS_BEFORE, "2026-03-02 09:00"));

        String salonPage = page("salon-viewer", "salon");
        assertThat(notice(salonPage)).isEqualTo("1 Bookings record could not be read");
        assertThat(quarantineRows(salonPage)).containsExactly(
                List.of("salon", "Appointment", "a1", ENDS_BEFORE, "2026-03-02 09:00"));

        String spaPage = page("spa-viewer", "spa");
        assertThat(spaPage).contains("<h1>Bookings not invoiced</h1>")
                .doesNotContain("id=\"quarantine\"", "could not be read");
    }

    private static BookingsRecordQuarantined quarantined(String business, BookingsRecordKind kind, String id,
            String reason, Instant occurredAt) {
        return BookingsRecordQuarantined.newBuilder().setEventId(business + "/" + id + "/" + reason)
                .setOccurredAt(occurredAt).setBusinessId(business).setKind(kind).setRecordId(id).setReason(reason)
                .setFirstSeenAt(FIRST_SEEN).build();
    }

    private static BookingsRecordReleased released(String business, BookingsRecordKind kind, String id,
            QuarantineResolution resolution, Instant occurredAt) {
        return BookingsRecordReleased.newBuilder().setEventId(business + "/" + id + "/" + resolution)
                .setOccurredAt(occurredAt).setBusinessId(business).setKind(kind).setRecordId(id)
                .setResolution(resolution).build();
    }

    private static String keyOf(SpecificRecord event) {
        if (event instanceof BookingsRecordQuarantined q) {
            return Keys.quarantined(q.getBusinessId(), q.getKind().name().toLowerCase(), q.getRecordId());
        }
        BookingsRecordReleased r = (BookingsRecordReleased) event;
        return Keys.quarantined(r.getBusinessId(), r.getKind().name().toLowerCase(), r.getRecordId());
    }

    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> quarantineOf(String credentials) throws Exception {
        HttpResponse<String> response = get("/api/bookings-quarantine", credentials);
        assertThat(response.statusCode()).isEqualTo(200);
        return JSON.readValue(response.body(), List.class);
    }

    private HttpResponse<String> get(String path, String credentials) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url(path)));
        if (!credentials.isEmpty()) {
            request.header("Authorization", "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes()));
        }
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The list page as the user's browser gets it after signing in through the login form (with its CSRF token). */
    private String page(String user, String password) throws Exception {
        HttpClient browser = HttpClient.newBuilder().cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NORMAL).build();
        String login = browser.send(HttpRequest.newBuilder(URI.create(url("/login"))).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        Matcher csrf = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(login);
        assertThat(csrf.find()).as("the login form's CSRF token").isTrue();
        String form = "username=" + encode(user) + "&password=" + encode(password) + "&_csrf=" + encode(csrf.group(1));
        HttpResponse<String> signedIn = browser.send(HttpRequest.newBuilder(URI.create(url("/login")))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(signedIn.uri().getPath()).as("where the login form led").isEqualTo("/bookings");
        assertThat(signedIn.statusCode()).isEqualTo(200);
        return signedIn.body();
    }

    /** The notice's heading, or null when the page has none. */
    private static String notice(String html) {
        Matcher title = Pattern.compile("<strong id=\"quarantine-title\"[^>]*>([^<]*)</strong>").matcher(html);
        return title.find() ? HtmlUtils.htmlUnescape(title.group(1)).strip() : null;
    }

    /** The cells of each row of the notice's list, as text. */
    private static List<List<String>> quarantineRows(String html) {
        Matcher table = Pattern.compile("<table id=\"quarantined\".*?<tbody>(.*?)</tbody>", Pattern.DOTALL)
                .matcher(html);
        assertThat(table.find()).as("the list of quarantined records").isTrue();
        List<List<String>> rows = new ArrayList<>();
        Matcher row = Pattern.compile("<tr>(.*?)</tr>", Pattern.DOTALL).matcher(table.group(1));
        while (row.find()) {
            List<String> cells = new ArrayList<>();
            Matcher cell = Pattern.compile("<td>(.*?)</td>", Pattern.DOTALL).matcher(row.group(1));
            while (cell.find()) {
                cells.add(HtmlUtils.htmlUnescape(cell.group(1)).strip());
            }
            rows.add(cells);
        }
        return rows;
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private String url(String path) {
        return "http://localhost:" + port + path;
    }
}
