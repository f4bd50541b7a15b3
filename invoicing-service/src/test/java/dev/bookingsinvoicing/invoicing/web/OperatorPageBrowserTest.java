package dev.bookingsinvoicing.invoicing.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.utils.KafkaTestUtils;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.bookingsinvoicing.events.AppointmentCompleted;
import dev.bookingsinvoicing.events.Attendee;
import dev.bookingsinvoicing.events.BookingsRecordKind;
import dev.bookingsinvoicing.events.BookingsRecordQuarantined;
import dev.bookingsinvoicing.events.CustomerRegistered;
import dev.bookingsinvoicing.events.ItemRegistered;
import dev.bookingsinvoicing.events.PriceType;
import dev.bookingsinvoicing.invoicing.EmbeddedMongo;
import dev.bookingsinvoicing.invoicing.InvoicingServiceTest;
import dev.bookingsinvoicing.invoicing.command.DraftInvoice;
import dev.bookingsinvoicing.invoicing.view.BookingRow;
import dev.bookingsinvoicing.serde.AvroSerializer;
import dev.bookingsinvoicing.schemas.Keys;
import dev.bookingsinvoicing.schemas.Topics;

/**
 * The operator page in a real browser (Debian's headless Chromium) against the real service, an embedded Kafka
 * broker and the embedded MongoDB server. Given a salon whose bookings arrive as events (registered customers Ann
 * and Bob, a customer who is not registered, a consultation whose price varies): an operator filters to Ann,
 * selects two bookings, invoices them and sees one draft invoice and the two rows gone; a viewer sees the list but
 * no action; a booking that needs a price is priced and then invoiced; a draft is deleted and its bookings return.
 * Each test uses its own customer, so the order of the tests does not matter.
 */
@InvoicingServiceTest
class OperatorPageBrowserTest {

    private static final Instant MARCH = Instant.parse("2026-03-02T09:00:00Z");
    private static final Path SCREENSHOTS = Path.of("target", "screenshots");
    private static final Duration RESULT_TIMEOUT = OperatorPage.RESULT_TIMEOUT;

    @DynamicPropertySource
    static void mongo(DynamicPropertyRegistry registry) {
        EmbeddedMongo.database(registry, "invoicing-page");
    }

    @Autowired
    EmbeddedKafkaBroker broker;

    @Autowired
    MongoTemplate mongo;

    @LocalServerPort
    int port;

    private WebDriver browser;

    /** The data is seeded once for the class (one Spring context); each test works on its own customers. */
    private static boolean seeded;

    @BeforeEach
    void seedTheSalon() {
        if (seeded) {
            return;
        }
        KafkaTemplate<String, SpecificRecord> producer = new KafkaTemplate<>(new DefaultKafkaProducerFactory<>(
                KafkaTestUtils.producerProps(broker), new StringSerializer(), new AvroSerializer()));
        for (String[] c : new String[][] { { "c1", "C00010", "Ann Smith" }, { "c2", "C00020", "Bob Jones" },
                { "c4", "C00040", "Dora Lane" }, { "c9", "C00090", "White Ltd" } }) {
            producer.send(Topics.CUSTOMER_REGISTRATIONS, Keys.customer("salon", c[0]), new CustomerRegistered(
                    "reg-" + c[0], MARCH, "salon", c[0], c[1], c[2], c[0] + "@example.com", "BOOKINGS", true, null, null, null)).join();
        }
        for (String[] s : new String[][] { { "s-cut", "I-CUT", "Haircut" }, { "s-colour", "I-COLOUR", "Colouring" },
                { "s-consult", "I-CONSULT", "Consultation" } }) {
            producer.send(Topics.ITEM_REGISTRATIONS, Keys.service("salon", s[0]), new ItemRegistered("item-" + s[0],
                    MARCH, "salon", s[0], s[1], s[2], null, "HOUR", "SERVICES", null, null, null)).join();
        }
        // Ann: three ready bookings; Bob: a consultation that needs a price; Carol and Eve: never registered; Dora: two
        appointment(producer, "a1", "s-cut", "Haircut", 0, 30, PriceType.fixedPrice, "25.00", "c1", "Ann Smith");
        appointment(producer, "a2", "s-colour", "Colouring", 1, 90, PriceType.fixedPrice, "45.00", "c1", "Ann Smith");
        appointment(producer, "a3", "s-cut", "Haircut", 8, 30, PriceType.fixedPrice, "25.00", "c1", "Ann Smith");
        appointment(producer, "a4", "s-consult", "Consultation", 2, 60, PriceType.priceVaries, null, "c2",
                "Bob Jones");
        appointment(producer, "a5", "s-cut", "Haircut", 3, 30, PriceType.fixedPrice, "25.00", "c3", "Carol White");
        appointment(producer, "a6", "s-colour", "Colouring", 6, 90, PriceType.fixedPrice, "45.00", "c5",
                "Eve Stone");
        appointment(producer, "a8", "s-colour", "Colouring", 4, 90, PriceType.fixedPrice, "45.00", "c4", "Dora Lane");
        appointment(producer, "a9", "s-cut", "Haircut", 5, 30, PriceType.fixedPrice, "25.00", "c4", "Dora Lane");
        // a clinic: Frank's two check-ups, for "Invoice all" of one business
        producer.send(Topics.CUSTOMER_REGISTRATIONS, Keys.customer("clinic", "k1"), new CustomerRegistered("reg-k1",
                MARCH, "clinic", "k1", "C00100", "Frank Moss", "k1@example.com", "BOOKINGS", true, null, null, null)).join();
        producer.send(Topics.ITEM_REGISTRATIONS, Keys.service("clinic", "s-check"), new ItemRegistered("item-check",
                MARCH, "clinic", "s-check", "I-CHECK", "Check-up", null, "HOUR", "SERVICES", null, null, null)).join();
        appointment(producer, "clinic", "b1", "s-check", "Check-up", 1, 30, PriceType.fixedPrice, "60.00", "k1",
                "Frank Moss");
        appointment(producer, "clinic", "b2", "s-check", "Check-up", 7, 30, PriceType.fixedPrice, "60.00", "k1",
                "Frank Moss");
        // and an appointment the sync could not use: the page tells the operator
        producer.send(Topics.QUARANTINE, Keys.quarantined("salon", "appointment", "a7"), new BookingsRecordQuarantined(
                "quarantined-a7", MARCH, "salon", BookingsRecordKind.APPOINTMENT, "a7", "no attendees: nobody to bill",
                MARCH)).join();
        await().atMost(Duration.ofSeconds(60)).until(() -> mongo.findById("salon/a9/c4", BookingRow.class) != null
                && mongo.getCollection("bookings_quarantine").countDocuments() == 1
                && mongo.findById("clinic/b2/k1", BookingRow.class) != null
                && mongo.findById("salon/a1/c1", BookingRow.class) != null
                && mongo.findById("salon/a4/c2", BookingRow.class) != null
                && mongo.findById("salon/a5/c3", BookingRow.class) != null
                && mongo.findById("salon/a6/c5", BookingRow.class) != null);
        seeded = true;
    }

    @AfterEach
    void closeBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void anOperatorInvoicesTwoSelectedBookingsOfOneCustomer() {
        signIn("operator", "operator");
        assertThat(text("#quarantine-title")).isEqualTo("1 Bookings record could not be read");
        screenshot("operator-list-all");

        // When: the operator filters to Ann and selects two of her three bookings
        filterByCustomer("C00010");
        assertThat(rowIds()).containsExactly("salon/a1/c1", "salon/a2/c1", "salon/a3/c1");
        assertThat(text("#total-bookings")).isEqualTo("3 bookings");
        select("salon/a1/c1");
        select("salon/a2/c1");
        assertThat(text("#selection-count")).isEqualTo("2 bookings selected");
        screenshot("operator-list");
        browser.findElement(By.id("invoice-selected")).click();

        // Then: first a preview of the draft invoice for Ann, with nothing invoiced yet
        assertThat(OperatorPage.awaitPreview(browser).getText())
                .contains("1 draft invoice would be created for 2 bookings", "0 would be skipped", "EUR", "70.00");
        assertThat(text(".previewed tbody tr")).contains("Ann Smith", "C00010", "2", "70.00");
        assertThat(mongo.findById("salon/a1/c1", BookingRow.class)).isNotNull();
        screenshot("operator-invoice-selected-preview");

        // and once confirmed, one draft invoice for Ann with both bookings (25.00 + 45.00)
        browser.findElement(By.id("confirm-invoices")).click();
        WebElement result = awaitResult();
        assertThat(result.getText()).contains("1 invoice created", "2 bookings invoiced", "0 skipped");
        List<WebElement> invoices = browser.findElements(By.cssSelector("#created-invoices tbody tr"));
        assertThat(invoices).hasSize(1);
        assertThat(invoices.get(0).getText()).contains("Ann Smith", "C00010", "70.00");
        screenshot("operator-invoice-selected-result");

        // and the invoice opens with its two lines
        invoices.get(0).findElement(By.tagName("a")).click();
        assertThat(text("#invoice-total")).isEqualTo("70.00");
        assertThat(browser.findElements(By.cssSelector("#invoice-lines tbody tr"))).extracting(WebElement::getText)
                .anySatisfy(line -> assertThat(line).contains("Haircut - 2026-03-02", "25.00"))
                .anySatisfy(line -> assertThat(line).contains("Colouring - 2026-03-03", "45.00"));

        // and back on the list, the two invoiced rows are gone, the third is still there
        browser.navigate().back();
        browser.findElement(By.id("back")).click();
        awaitRows(ids -> ids.equals(List.of("salon/a3/c1")));
        screenshot("operator-list-after");
    }

    @Test
    void aViewerSeesTheBookingsButNoAction() {
        signIn("viewer", "viewer");

        assertThat(text("#signed-in-as")).contains("viewer", "read only");
        filterByCustomer("Eve");
        assertThat(rowIds()).containsExactly("salon/a6/c5");
        assertThat(browser.findElement(By.cssSelector("tr[data-booking-id='salon/a6/c5']")).getText())
                .contains("Customer not matched", "customer not registered yet");
        assertThat(browser.findElements(By.cssSelector("button[name=action]"))).isEmpty();
        assertThat(browser.findElements(By.cssSelector("input[type=checkbox]"))).isEmpty();
        assertThat(browser.findElements(By.cssSelector(".actions"))).isEmpty();

        // and the service refuses an action even when a viewer builds the form by hand (with a valid CSRF token)
        long actionsBefore = mongo.count(new Query(), OperatorAction.class);
        ((JavascriptExecutor) browser).executeScript("""
                var token = document.querySelector('input[name=_csrf]').value;
                var form = document.createElement('form');
                form.method = 'post';
                form.action = '/bookings/actions';
                [['_csrf', token], ['action', 'invoice-all']].forEach(function (p) {
                  var input = document.createElement('input');
                  input.type = 'hidden'; input.name = p[0]; input.value = p[1];
                  form.appendChild(input);
                });
                document.body.appendChild(form);
                form.submit();""");
        new WebDriverWait(browser, Duration.ofSeconds(10)).until(d -> d.getPageSource().contains("status=403"));
        assertThat(mongo.count(new Query(), OperatorAction.class)).isEqualTo(actionsBefore);
    }

    @Test
    void aBookingThatNeedsAPriceIsPricedThenInvoiced() {
        signIn("operator", "operator");

        // Given: Bob's consultation needs a price
        filterByCustomer("C00020");
        WebElement row = browser.findElement(By.cssSelector("tr[data-booking-id='salon/a4/c2']"));
        assertThat(row.getText()).contains("Needs price");

        // When: the operator gives it a price of 80.00
        select("salon/a4/c2");
        browser.findElement(By.id("price-unit")).sendKeys("80");
        browser.findElement(By.id("set-price")).click();
        assertThat(awaitResult().getText()).contains("1 booking changed", "0 skipped");

        // Then: the booking is ready at 80.00
        browser.findElement(By.id("back")).click();
        await().atMost(RESULT_TIMEOUT).untilAsserted(() -> {
            browser.navigate().refresh();
            assertThat(browser.findElement(By.cssSelector("tr[data-booking-id='salon/a4/c2']")).getText())
                    .contains("Ready", "80.00");
        });

        // When: it is invoiced
        select("salon/a4/c2");
        browser.findElement(By.id("invoice-selected")).click();
        OperatorPage.confirmPreview(browser);

        // Then: a draft invoice of 80.00 for Bob, and the booking has left the list
        assertThat(awaitResult().getText()).contains("1 invoice created", "1 booking invoiced");
        assertThat(text("#created-invoices tbody tr")).contains("Bob Jones", "80.00");
        browser.findElement(By.id("back")).click();
        awaitRows(List::isEmpty);
    }

    @Test
    void deletingADraftInvoiceReturnsItsBookingsToTheList() {
        signIn("operator", "operator");

        // Given: Dora's two bookings (all of the page) invoiced with "Invoice all for this customer"
        filterByCustomer("C00040");
        assertThat(rowIds()).containsExactly("salon/a8/c4", "salon/a9/c4");
        browser.findElement(By.id("select-page")).click();
        assertThat(text("#selection-count")).isEqualTo("2 bookings selected");
        browser.findElement(By.id("invoice-customer")).click();
        assertThat(OperatorPage.confirmPreview(browser)).contains("1 draft invoice would be created for 2 bookings");
        assertThat(awaitResult().getText()).contains("1 invoice created", "2 bookings invoiced");
        String invoiceId = text("#created-invoices tbody tr td a");

        // When: the draft is opened from the draft invoices page and deleted
        browser.findElement(By.linkText("Draft invoices")).click();
        browser.findElement(By.linkText(invoiceId)).click();
        browser.findElement(By.id("delete-draft")).click();
        browser.switchTo().alert().accept();
        assertThat(awaitResult().getText()).doesNotContain("rejected");

        // Then: the draft is gone and both bookings are back on the list
        browser.get(url("/bookings?customer=C00040"));
        awaitRows(ids -> ids.equals(List.of("salon/a8/c4", "salon/a9/c4")));
        browser.get(url("/draft-invoices"));
        assertThat(browser.findElements(By.linkText(invoiceId))).isEmpty();

        // and the command history lists both commands
        browser.findElement(By.linkText("Command history")).click();
        assertThat(text("#commands")).contains("InvoiceBookings", "DeleteDraftInvoice");
    }

    @Test
    void anUnmatchedCustomerIsAssociatedThenAllItsBookingsAreMarkedAsInvoiced() {
        signIn("operator", "operator");

        // Given: Carol was never registered, so her haircut cannot be invoiced
        filterByCustomer("Carol");
        assertThat(text("tr[data-booking-id='salon/a5/c3']")).contains("Customer not matched");

        // When: the operator associates her with the existing customer C00090 (her company)
        select("salon/a5/c3");
        browser.findElement(By.id("assoc-no")).sendKeys("C00090");
        browser.findElement(By.id("assoc-name")).sendKeys("White Ltd");
        browser.findElement(By.id("associate-customer")).click();
        assertThat(awaitResult().getText()).doesNotContain("rejected");

        // Then: the booking is ready, billed to C00090
        browser.findElement(By.id("back")).click();
        await().atMost(RESULT_TIMEOUT).untilAsserted(() -> {
            browser.navigate().refresh();
            assertThat(text("tr[data-booking-id='salon/a5/c3']")).contains("Ready", "C00090");
        });

        // When: everything matching the filter is marked as invoiced, with a reason
        browser.findElement(By.id("all-matching")).click();
        assertThat(text("#selection-count")).isEqualTo("All bookings matching the filter are selected");
        browser.findElement(By.id("mark-reason")).sendKeys("paid in cash");
        browser.findElement(By.id("mark-invoiced")).click();

        // Then: no invoice, the booking has left the list
        assertThat(awaitResult().getText()).contains("1 booking changed").doesNotContain("invoice created");
        browser.findElement(By.id("back")).click();
        awaitRows(List::isEmpty);
    }

    @Test
    void invoiceAllInvoicesEveryReadyBookingOfTheFilteredBusiness() {
        signIn("operator", "operator");

        // Given: the list narrowed to the clinic
        browser.findElement(By.id("f-business")).sendKeys("clinic");
        browser.findElement(By.id("apply-filter")).click();
        // the filtered page has loaded (reading rows before that reads the page being left)
        new WebDriverWait(browser, Duration.ofSeconds(10))
                .until(d -> d.getCurrentUrl().contains("businessId=clinic"));
        assertThat(rowIds()).containsExactly("clinic/b1/k1", "clinic/b2/k1");

        // When: "Invoice all" is pressed
        browser.findElement(By.id("invoice-all")).click();

        // Then: the preview shows Frank's invoice with both check-ups, and nothing is invoiced yet
        assertThat(text("h1")).contains("Preview", "business clinic");
        assertThat(OperatorPage.awaitPreview(browser).getText())
                .contains("1 draft invoice would be created for 2 bookings", "120.00");
        String previewed = text(".previewed tbody tr");
        assertThat(previewed).contains("Frank Moss", "clinic", "2", "120.00");
        assertThat(mongo.findById("clinic/b1/k1", BookingRow.class)).isNotNull();
        assertThat(mongo.findById("clinic/b2/k1", BookingRow.class)).isNotNull();
        assertThat(mongo.find(Query.query(Criteria.where("customerNo").is("C00100")), DraftInvoice.class)).isEmpty();
        screenshot("operator-invoice-all-preview");
        String previewUrl = browser.getCurrentUrl();

        // When: it is confirmed
        browser.findElement(By.id("confirm-invoices")).click();

        // Then: that invoice is created; the salon's bookings are untouched
        assertThat(awaitResult().getText()).contains("1 invoice created", "2 bookings invoiced");
        assertThat(text("#created-invoices tbody tr")).contains("Frank Moss", "120.00");
        assertThat(text("h1")).doesNotContain("Preview");
        String resultUrl = browser.getCurrentUrl();
        browser.findElement(By.id("back")).click();
        awaitRows(List::isEmpty);
        assertThat(mongo.findById("salon/a6/c5", BookingRow.class)).isNotNull();

        // and confirming the same preview again sends the same commands: still one invoice
        browser.get(previewUrl);
        browser.findElement(By.id("confirm-invoices")).click();
        assertThat(awaitResult().getText()).contains("1 invoice created", "2 bookings invoiced");
        assertThat(browser.getCurrentUrl()).isEqualTo(resultUrl);
        assertThat(mongo.find(Query.query(Criteria.where("customerNo").is("C00100")), DraftInvoice.class)).hasSize(1);
    }

    @Test
    void theApiNeedsBasicCredentialsAndThePageALogin() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        assertThat(get(http, "/api/bookings-not-invoiced", null).statusCode()).isEqualTo(401);
        assertThat(get(http, "/api/bookings-not-invoiced", "viewer:viewer").statusCode()).isEqualTo(200);
        assertThat(get(http, "/api/bookings-not-invoiced", "operator:operator").statusCode()).isEqualTo(200);
        assertThat(get(http, "/api/bookings-not-invoiced", "viewer:wrong").statusCode()).isEqualTo(401);
        // health is open to probes (its status depends on the embedded servers, not on credentials)
        assertThat(get(http, "/actuator/health", null).statusCode()).isIn(200, 503);
        HttpResponse<String> page = get(http, "/bookings", null);
        assertThat(page.statusCode()).isEqualTo(302);
        assertThat(page.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/login"));
        // the page's actions are not reachable with Basic credentials (form login and CSRF only)
        HttpResponse<String> post = http.send(HttpRequest.newBuilder(URI.create(url("/bookings/actions")))
                .header("Authorization", basic("operator:operator"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("action=invoice-all")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(post.statusCode()).isIn(302, 401, 403);
        assertThat(post.headers().firstValue("Location")).isNotEqualTo(java.util.Optional.of("/actions"));
    }

    private HttpResponse<String> get(HttpClient http, String path, String credentials) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url(path)));
        if (credentials != null) {
            request.header("Authorization", basic(credentials));
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String basic(String credentials) {
        return "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes());
    }

    private void signIn(String user, String password) {
        browser = OperatorPage.signIn(url(""), user, password);
    }

    private void filterByCustomer(String customer) {
        WebElement field = browser.findElement(By.id("f-customer"));
        field.clear();
        field.sendKeys(customer);
        browser.findElement(By.id("apply-filter")).click();
        new WebDriverWait(browser, Duration.ofSeconds(10))
                .until(d -> d.getCurrentUrl().contains("customer=" + customer));
    }

    private void select(String bookingId) {
        browser.findElement(By.cssSelector("tr[data-booking-id='" + bookingId + "'] input.row-select")).click();
    }

    private List<String> rowIds() {
        return OperatorPage.rowIds(browser);
    }

    private void awaitRows(java.util.function.Predicate<List<String>> expected) {
        await().atMost(RESULT_TIMEOUT).pollInterval(Duration.ofMillis(500)).until(() -> {
            browser.navigate().refresh();
            return expected.test(rowIds());
        });
    }

    private WebElement awaitResult() {
        return OperatorPage.awaitResult(browser);
    }

    private String text(String css) {
        return OperatorPage.text(browser, css);
    }

    private String url(String path) {
        return "http://localhost:" + port + path;
    }

    private void screenshot(String name) {
        try {
            Files.createDirectories(SCREENSHOTS);
            Path png = ((org.openqa.selenium.TakesScreenshot) browser).getScreenshotAs(OutputType.FILE).toPath();
            Files.copy(png, SCREENSHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void appointment(KafkaTemplate<String, SpecificRecord> producer, String id, String serviceId,
            String serviceName, int day, int minutes, PriceType priceType, String price, String customerId,
            String customerName) {
        appointment(producer, "salon", id, serviceId, serviceName, day, minutes, priceType, price, customerId,
                customerName);
    }

    private static void appointment(KafkaTemplate<String, SpecificRecord> producer, String business, String id,
            String serviceId, String serviceName, int day, int minutes, PriceType priceType, String price,
            String customerId, String customerName) {
        Instant start = MARCH.plus(Duration.ofDays(day));
        producer.send(Topics.APPOINTMENTS, Keys.appointment(business, id), AppointmentCompleted.newBuilder()
                .setEventId("appt-" + business + "-" + id).setOccurredAt(start.plus(Duration.ofHours(2)))
                .setBusinessId(business).setAppointmentId(id).setRevision("r1")
                .setServiceId(serviceId).setServiceName(serviceName)
                .setStart(start).setEnd(start.plus(Duration.ofMinutes(minutes)))
                .setPriceType(priceType).setPrice(price == null ? null : new BigDecimal(price)).setCurrency("EUR")
                .setAttendees(List.of(new Attendee(customerId, customerName, customerId + "@example.com", null)))
                .build()).join();
    }
}
