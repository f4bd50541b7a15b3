package dev.bookingsinvoicing.bcsimulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The simulator answers as Business Central's API v2.0 does, over real HTTP. */
class BusinessCentralSimulatorTest {

    @AutoClose
    private final BusinessCentralSimulator simulator = BusinessCentralSimulator.start(
            BusinessCentralSimulator.Settings.defaults());
    private final HttpClient http = HttpClient.newHttpClient();
    private final JsonMapper mapper = JsonMapper.builder().build();
    private final String company = simulator.baseUrl() + "/v2.0/simulated-tenant/production/api/v2.0/companies("
            + BusinessCentralSimulator.DEFAULT_COMPANY + ")";

    private HttpResponse<String> send(String method, String url, String json, String ifMatch) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
                .header("Authorization", "Bearer " + BusinessCentralSimulator.DEFAULT_TOKEN)
                .header("Content-Type", "application/json")
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        if (ifMatch != null) {
            request.header("If-Match", ifMatch);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private JsonNode json(HttpResponse<String> response) {
        return mapper.readTree(response.body());
    }

    private static String filter(String expression) {
        return "?$filter=" + URLEncoder.encode(expression, StandardCharsets.UTF_8).replace("+", "%20");
    }

    @Test
    void createsCustomersItemsAndAnInvoiceWithItsLinesInOnePostAndFindsThemByNumber() throws Exception {
        assertThat(send("POST", company + "/customers", "{\"number\":\"C00010\",\"displayName\":\"Ada\"}", null).statusCode())
                .isEqualTo(201);
        assertThat(send("POST", company + "/items", "{\"number\":\"SVC0010\",\"displayName\":\"Massage\",\"type\":\"Service\"}", null)
                .statusCode()).isEqualTo(201);
        HttpResponse<String> created = send("POST", company + "/salesInvoices", """
                {"externalDocumentNumber":"INV-1","customerNumber":"C00010","currencyCode":"EUR",
                 "salesInvoiceLines":[{"lineType":"Item","lineObjectNumber":"SVC0010","description":"b1","quantity":0.66667,"unitPrice":150},
                                      {"lineType":"Item","lineObjectNumber":"SVC0010","description":"b2","quantity":1,"unitPrice":80.5}]}""", null);

        assertThat(created.statusCode()).isEqualTo(201);
        assertThat(json(created).get("status").asString()).isEqualTo("Draft");
        assertThat(json(created).get("@odata.etag").asString()).startsWith("W/\"");
        // 0.66667 x 150 = 100.0005 -> 100.00; + 80.50
        assertThat(json(created).get("totalAmountExcludingTax").decimalValue()).isEqualByComparingTo("180.50");

        JsonNode found = json(send("GET", company + "/salesInvoices" + filter("externalDocumentNumber eq 'INV-1'")
                + "&$expand=salesInvoiceLines", null, null));
        assertThat(found.get("@odata.context").asString()).contains("/api/v2.0/$metadata#companies(");
        assertThat(found.get("value")).hasSize(1);
        assertThat(found.get("value").get(0).get("salesInvoiceLines")).hasSize(2);
        assertThat(json(send("GET", company + "/salesInvoices" + filter("externalDocumentNumber eq 'INV-2'"), null, null))
                .get("value")).isEmpty();
        assertThat(json(send("GET", company + "/customers" + filter("number eq 'C00010'"), null, null)).get("value"))
                .hasSize(1);
        assertThat(send("POST", company + "/customers", "{\"number\":\"C00010\"}", null).statusCode()).isEqualTo(400);
    }

    @Test
    void refusesAnInvoiceForABlockedOrUnknownCustomerWithBusinessCentralsMessage() throws Exception {
        send("POST", company + "/customers", "{\"number\":\"C00020\",\"displayName\":\"Bo\"}", null);
        simulator.company().block("C00020", "Invoice");

        HttpResponse<String> blocked = send("POST", company + "/salesInvoices",
                "{\"externalDocumentNumber\":\"INV-3\",\"customerNumber\":\"C00020\"}", null);
        HttpResponse<String> unknown = send("POST", company + "/salesInvoices",
                "{\"externalDocumentNumber\":\"INV-4\",\"customerNumber\":\"C99999\"}", null);

        assertThat(blocked.statusCode()).isEqualTo(400);
        assertThat(json(blocked).get("error").get("message").asString())
                .startsWith("You cannot create this type of document when Customer C00020 is blocked with type Invoice");
        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(json(unknown).get("error").get("code").asString()).isEqualTo("BadRequest_NotFound");
        assertThat(simulator.company().salesInvoices()).isEmpty();
    }

    @Test
    void deletesADraftOnlyWithItsCurrentEtagAndNeverAnInvoiceThatIsNoLongerADraft() throws Exception {
        send("POST", company + "/customers", "{\"number\":\"C00030\"}", null);
        JsonNode first = json(send("POST", company + "/salesInvoices",
                "{\"externalDocumentNumber\":\"INV-5\",\"customerNumber\":\"C00030\"}", null));
        JsonNode second = json(send("POST", company + "/salesInvoices",
                "{\"externalDocumentNumber\":\"INV-6\",\"customerNumber\":\"C00030\"}", null));
        String firstUrl = company + "/salesInvoices(" + first.get("id").asString() + ")";

        assertThat(send("DELETE", firstUrl, null, null).statusCode()).isEqualTo(428);
        assertThat(send("DELETE", firstUrl, null, "W/\"stale\"").statusCode()).isEqualTo(412);
        assertThat(send("DELETE", firstUrl, null, first.get("@odata.etag").asString()).statusCode()).isEqualTo(204);

        simulator.company().setInvoiceStatus("INV-6", "Open");
        String secondEtag = json(send("GET", company + "/salesInvoices(" + second.get("id").asString() + ")", null, null))
                .get("@odata.etag").asString();
        assertThat(send("DELETE", company + "/salesInvoices(" + second.get("id").asString() + ")", null, secondEtag)
                .statusCode()).isEqualTo(400);
        assertThat(simulator.company().salesInvoices()).extracting(i -> i.get("externalDocumentNumber").asString())
                .containsExactly("INV-6");
    }

    @Test
    void createsACreditMemoWithItsLinesAppliedToAnInvoiceAndRefusesItForABlockedCustomerOrAnUnknownInvoice()
            throws Exception {
        send("POST", company + "/customers", "{\"number\":\"C00040\",\"displayName\":\"Cy\"}", null);
        send("POST", company + "/items", "{\"number\":\"SVC0040\",\"type\":\"Service\"}", null);
        JsonNode invoice = json(send("POST", company + "/salesInvoices", """
                {"externalDocumentNumber":"INV-7","customerNumber":"C00040",
                 "salesInvoiceLines":[{"lineType":"Item","lineObjectNumber":"SVC0040","quantity":2,"unitPrice":45.5}]}""",
                null));
        String creditMemo = """
                {"externalDocumentNumber":"CN-1","customerNumber":"C00040","creditMemoDate":"2026-11-30",
                 "invoiceId":"%s",
                 "salesCreditMemoLines":[{"lineType":"Item","lineObjectNumber":"SVC0040","quantity":1,"unitPrice":45.5}]}""";

        HttpResponse<String> created = send("POST", company + "/salesCreditMemos",
                creditMemo.formatted(invoice.get("id").asString()), null);

        assertThat(created.statusCode()).isEqualTo(201);
        assertThat(json(created).get("number").asString()).startsWith("S-CR");
        assertThat(json(created).get("creditMemoDate").asString()).isEqualTo("2026-11-30");
        assertThat(json(created).get("invoiceNumber").asString()).isEqualTo(invoice.get("number").asString());
        assertThat(json(created).get("totalAmountExcludingTax").decimalValue()).isEqualByComparingTo("45.50");
        JsonNode found = json(send("GET", company + "/salesCreditMemos" + filter("externalDocumentNumber eq 'CN-1'")
                + "&$expand=salesCreditMemoLines", null, null));
        assertThat(found.get("value")).singleElement().satisfies(memo -> {
            assertThat(memo.get("@odata.etag").asString()).startsWith("W/\"");
            assertThat(memo.get("salesCreditMemoLines")).singleElement()
                    .satisfies(line -> assertThat(line.get("quantity").decimalValue()).isEqualByComparingTo("1"));
        });
        assertThat(json(send("GET", company + "/salesCreditMemos" + filter("externalDocumentNumber eq 'CN-1'"),
                null, null)).get("value").get(0).has("salesCreditMemoLines")).isFalse();

        HttpResponse<String> unknownInvoice = send("POST", company + "/salesCreditMemos",
                creditMemo.formatted("00000000-0000-0000-0000-0000000000aa").replace("CN-1", "CN-2"), null);
        simulator.company().block("C00040", "Invoice");
        HttpResponse<String> blocked = send("POST", company + "/salesCreditMemos",
                creditMemo.formatted(invoice.get("id").asString()).replace("CN-1", "CN-3"), null);

        assertThat(unknownInvoice.statusCode()).isEqualTo(400);
        assertThat(json(unknownInvoice).get("error").get("code").asString()).isEqualTo("BadRequest_NotFound");
        assertThat(blocked.statusCode()).isEqualTo(400);
        assertThat(json(blocked).get("error").get("message").asString()).contains("is blocked with type Invoice");
        assertThat(simulator.company().salesCreditMemos()).extracting(m -> m.get("externalDocumentNumber").asString())
                .containsExactly("CN-1");
    }

    @Test
    void throttlesWithRetryAfterAndCountsRequestsThatDidNotWaitForIt() throws Exception {
        simulator.throttle(1, Duration.ofSeconds(2));

        HttpResponse<String> throttled = send("GET", company + "/customers", null, null);
        Thread.sleep(300); // a client that ignores Retry-After: comes back after 0.3 s of the 2 s asked for
        HttpResponse<String> early = send("GET", company + "/customers", null, null);

        assertThat(throttled.statusCode()).isEqualTo(429);
        assertThat(throttled.headers().firstValue("Retry-After")).contains("2");
        assertThat(early.statusCode()).isEqualTo(429);
        assertThat(simulator.requestsDuringCoolOff()).isEqualTo(1);
    }

    @Test
    void refusesRequestsWithoutTheToken() throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(company + "/customers")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(401);
    }
}
