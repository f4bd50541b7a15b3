package dev.bookingsinvoicing.invoicing.view;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import org.bson.Document;
import org.bson.types.Decimal128;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.MongoTemplate;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;

import dev.bookingsinvoicing.invoicing.pricing.BookingPriceType;
import dev.bookingsinvoicing.schemas.Keys;
import dev.bookingsinvoicing.service.testing.TestMongo;

/**
 * The totals kept as rows come and go equal the totals of the rows in the view (counted here from the rows
 * themselves), after any mix of appointments, revisions, cancellations, registrations, associations, prices, claims
 * and releases, applied by two instances of the view on one store, and when two writers change one customer's totals
 * at the same time.
 */
class CustomerTotalsTest {

    @AutoClose
    private static final TestMongo MONGO = new TestMongo();
    private static final Instant AT = Instant.parse("2026-03-02T09:00:00Z");

    private final String database = "totals-" + System.nanoTime();
    private final InterleavingTemplate mongoA = new InterleavingTemplate(MONGO.client(), database);
    private final MongoTemplate mongoB = new MongoTemplate(MONGO.client(), database);
    private final ViewInstance a = new ViewInstance(mongoA);
    private final ViewInstance b = new ViewInstance(mongoB);

    @Test
    void totalsFollowTheRowsThroughEveryKindOfChange() {
        Random random = new Random(19);
        assertThat(a.totals.complete()).isTrue();
        b.projection.onItems(List.of(item("s1", new BigDecimal("20.00")), item("s2", null)));
        int revision = 0;
        for (int step = 0; step < 400; step++) {
            ViewInstance instance = random.nextBoolean() ? a : b;
            int appointment = random.nextInt(60);
            int customer = random.nextInt(12);
            Instant at = AT.plusSeconds(step);
            switch (random.nextInt(9)) {
                case 0, 1, 2 -> instance.projection.onCompleted(List.of(appointment(appointment, "r" + revision++, at,
                        random.nextBoolean() ? "s1" : "s2", random.nextInt(3) == 0 ? null : new BigDecimal(
                                random.nextInt(90) + ".25"), customer, random.nextInt(3) == 0 ? customer + 1 : -1)));
                case 3 -> instance.projection.onCancelled("b1", "a" + appointment, at);
                case 4 -> instance.projection.onCustomers(List.of(customer(customer, at)));
                case 5 -> instance.projection.associate(new CustomerAssociation(Keys.customer("b1", "c" + customer),
                        "b1", "c" + customer, "C9" + customer % 3, "Associated " + customer % 3, "assoc-" + step, "ops",
                        at));
                case 6 -> instance.projection.overridePrices(List.of(new PriceOverride(booking(appointment, customer),
                        new BigDecimal("2"), new BigDecimal("7.10"), "price-" + step, "ops", at)));
                case 7 -> instance.claims.claim("cmd-" + step, List.of(new BookingClaim(booking(appointment, customer),
                        "cmd-" + step, "D-" + appointment, at)));
                default -> {
                    String id = booking(appointment, customer);
                    BookingClaim claim = mongoB.findById(id, BookingClaim.class);
                    if (claim != null && claim.invoiceId() != null) {
                        instance.claims.release(claim.invoiceId(), List.of(id));
                        instance.projection.restore(List.of(id));
                    }
                }
            }
            if (step % 50 == 49) {
                assertThat(kept()).as("after step " + step).isEqualTo(counted());
            }
        }
        assertThat(counted()).as("the view is not empty").isNotEmpty();
        assertThat(kept()).isEqualTo(counted());
        assertThat(byKey(a.totals.sumsOfRows(new Document()))).as("the sums computed from the rows")
                .isEqualTo(counted());
        Map<List<String>, String> countedReady = new HashMap<>(counted());
        countedReady.keySet().removeIf(key -> !"READY".equals(key.get(1)));
        assertThat(countedReady).as("some rows are ready").isNotEmpty();
        assertThat(byKey(a.totals.sumsOfRows(new Document("status", "READY")))).as("those of the ready rows")
                .isEqualTo(countedReady);
        Set<String> customersWithRows = new HashSet<>();
        mongoB.getCollection(BookingRow.COLLECTION).find().forEach(row -> customersWithRows.add(Keys.customer(
                row.getString("businessId"), row.getString("bookingsCustomerId"))));
        Set<String> customersWithTotals = new HashSet<>();
        mongoB.getCollection(CustomerTotals.COLLECTION).find()
                .forEach(d -> customersWithTotals.add(d.getString("_id")));
        assertThat(customersWithTotals).as("a document per customer with rows, none for the others")
                .isEqualTo(customersWithRows);
    }

    @Test
    void twoWritersOfOneCustomersTotalsAtOnceBothCount() {
        b.projection.onItems(List.of(item("s1", new BigDecimal("20.00"))));
        b.projection.onCustomers(List.of(customer(1, AT)));
        a.projection.onCompleted(List.of(appointment(1, "r1", AT, "s1", new BigDecimal("10.00"), 1, -1)));
        // B adds a second booking of the same customer after A read the customer's totals, before A writes them
        mongoA.beforeNextTotalsWrite(() -> b.projection.onCompleted(List.of(appointment(2, "r1", AT, "s1",
                new BigDecimal("30.00"), 1, -1))));

        a.projection.onCompleted(List.of(appointment(3, "r1", AT, "s1", new BigDecimal("5.00"), 1, -1)));

        assertThat(counted()).containsEntry(Arrays.asList("C0001", "READY", "EUR"), "3 45.00");
        assertThat(kept()).isEqualTo(counted());
    }

    @Test
    void aRowInvoicedWhileItWasRepricedIsNotCountedAgain() {
        b.projection.onItems(List.of(item("s1", null)));
        b.projection.onCustomers(List.of(customer(1, AT)));
        b.projection.onCompleted(List.of(appointment(1, "r1", AT, "s1", null, 1, -1)));
        // A replaced the row with its new price; B claims the booking (the row leaves the view) before A's totals
        mongoA.beforeNextTotalsWrite(() -> b.claims.claim("cmd-1", List.of(new BookingClaim(booking(1, 1), "cmd-1",
                "D-1", AT))));

        a.projection.overridePrices(List.of(new PriceOverride(booking(1, 1), BigDecimal.ONE, new BigDecimal("9.00"),
                "price-1", "ops", AT)));

        assertThat(counted()).isEmpty();
        assertThat(kept()).isEqualTo(counted());
    }

    @Test
    void aCustomerWhoseRowsAllLeftAndCameBackIsNotOverwrittenByAWriterThatReadItBefore() {
        b.projection.onItems(List.of(item("s1", new BigDecimal("20.00"))));
        b.projection.onCustomers(List.of(customer(1, AT)));
        a.projection.onCompleted(List.of(appointment(1, "r1", AT, "s1", new BigDecimal("10.00"), 1, -1)));
        // after A read customer 1's totals, before A writes them: B invoices the customer's only booking (its
        // document goes) and the customer books again (a new document)
        mongoA.beforeNextTotalsWrite(() -> {
            b.claims.claim("cmd-1", List.of(new BookingClaim(booking(1, 1), "cmd-1", "D-1", AT)));
            b.projection.onCompleted(List.of(appointment(2, "r1", AT, "s1", new BigDecimal("30.00"), 1, -1)));
        });

        a.projection.onCompleted(List.of(appointment(3, "r1", AT, "s1", new BigDecimal("5.00"), 1, -1)));

        assertThat(counted()).containsEntry(Arrays.asList("C0001", "READY", "EUR"), "2 35.00");
        assertThat(kept()).isEqualTo(counted());
    }

    @Test
    void entriesWrittenAsDocumentsByTheVersionBeforeAreReadAndKept() {
        b.projection.onItems(List.of(item("s1", new BigDecimal("20.00"))));
        a.projection.onCompleted(List.of(appointment(1, "r1", AT, "s1", new BigDecimal("10.00"), 1, -1),
                appointment(2, "r1", AT, "s1", new BigDecimal("30.00"), 1, -1)));
        // the customer's document as the version before wrote it: each entry a document with named fields
        Document stored = mongoB.getCollection(CustomerTotals.COLLECTION).find(new Document("_id", "b1/c1")).first();
        List<Document> named = new ArrayList<>();
        for (Object entry : stored.getList("rows", Object.class)) {
            List<?> a = (List<?>) entry;
            named.add(new Document("id", a.get(0)).append("customerNo", a.get(1)).append("name", a.get(2))
                    .append("status", a.get(3)).append("currency", a.get(4)).append("amount", a.get(5)));
        }
        mongoB.getCollection(CustomerTotals.COLLECTION).replaceOne(new Document("_id", "b1/c1"),
                stored.append("rows", named));

        b.projection.onCustomers(List.of(customer(1, AT)));
        b.claims.claim("cmd-1", List.of(new BookingClaim(booking(1, 1), "cmd-1", "D-1", AT)));

        assertThat(counted()).containsEntry(Arrays.asList("C0001", "READY", "EUR"), "1 30.00").hasSize(1);
        assertThat(kept()).isEqualTo(counted());
    }

    @Test
    void aViewKeptBeforeTheTotalsStillFindsTheRowsOfARegisteredCustomer() {
        a.projection.onItems(List.of(item("s1", new BigDecimal("20.00"))));
        a.projection.onCompleted(List.of(appointment(1, "r1", AT, "s1", new BigDecimal("10.00"), 1, 2)));
        // what an upgraded service finds: rows, and none of the documents that came with the totals
        mongoB.dropCollection(CustomerTotals.COLLECTION);
        mongoB.dropCollection(ViewInputs.COLLECTION);
        ViewInstance upgraded = new ViewInstance(mongoB);
        assertThat(upgraded.totals.complete()).isFalse();

        upgraded.projection.onCustomers(List.of(customer(1, AT)));

        assertThat(mongoB.findById(booking(1, 1), BookingRow.class).status()).isEqualTo(BookingStatus.READY);
        assertThat(mongoB.findById(booking(1, 2), BookingRow.class).status())
                .isEqualTo(BookingStatus.UNMATCHED_CUSTOMER);
    }

    /** The totals kept, by customer no., status and currency: "bookings amount". */
    private Map<List<String>, String> kept() {
        return byKey(a.totals.sums(null, null, null));
    }

    private static Map<List<String>, String> byKey(List<CustomerTotals.Sum> sums) {
        Map<List<String>, String> byKey = new HashMap<>();
        for (CustomerTotals.Sum sum : sums) {
            byKey.put(Arrays.asList(sum.customerNo(), sum.status(), sum.currency()), sum.bookings() + " "
                    + (sum.amount() == null ? "-" : sum.amount().toPlainString()));
        }
        return byKey;
    }

    /** The same, counted from the rows in the view. */
    private Map<List<String>, String> counted() {
        Map<List<String>, long[]> bookings = new HashMap<>();
        Map<List<String>, BigDecimal> amounts = new HashMap<>();
        for (Document row : mongoB.getCollection(BookingRow.COLLECTION).find()) {
            List<String> key = Arrays.asList(row.getString("customerNo"), row.getString("status"),
                    row.getString("currency"));
            bookings.computeIfAbsent(key, k -> new long[1])[0]++;
            if (row.get("amount") instanceof Decimal128 amount) {
                amounts.merge(key, amount.bigDecimalValue(), BigDecimal::add);
            }
        }
        Map<List<String>, String> counted = new HashMap<>();
        bookings.forEach((key, n) -> counted.put(key, n[0] + " "
                + (amounts.containsKey(key) ? amounts.get(key).toPlainString() : "-")));
        return counted;
    }

    /**
     * A template that runs an action (another writer's change) after its next read of the totals and before it
     * writes them: the second call for the totals' collection from then on is the write of an existing document.
     */
    private static final class InterleavingTemplate extends MongoTemplate {

        private Runnable before;
        private int calls;

        InterleavingTemplate(MongoClient client, String database) {
            super(client, database);
        }

        void beforeNextTotalsWrite(Runnable action) {
            before = action;
            calls = 0;
        }

        @Override
        public MongoCollection<Document> getCollection(String collectionName) {
            if (CustomerTotals.COLLECTION.equals(collectionName) && before != null && ++calls == 2) {
                Runnable action = before;
                before = null;
                action.run();
            }
            return super.getCollection(collectionName);
        }
    }

    private static String booking(int appointment, int customer) {
        return Keys.booking("b1", "a" + appointment, "c" + customer);
    }

    private static Appointment appointment(int appointment, String revision, Instant at, String service,
            BigDecimal price, int customer, int secondCustomer) {
        List<Attendee> attendees = new ArrayList<>(List.of(new Attendee("c" + customer, "Name " + customer,
                "c" + customer + "@example.com")));
        if (secondCustomer >= 0) {
            attendees.add(new Attendee("c" + secondCustomer, "Name " + secondCustomer,
                    "c" + secondCustomer + "@example.com"));
        }
        return new Appointment("b1", "a" + appointment, revision, at, service, "Service " + service, AT,
                AT.plusSeconds(3600), null, price == null ? BookingPriceType.priceVaries : BookingPriceType.fixedPrice,
                price, "EUR", attendees);
    }

    private static CustomerRegistration customer(int customer, Instant at) {
        return new CustomerRegistration(Keys.customer("b1", "c" + customer), "b1", "c" + customer, true,
                String.format("C%04d", customer), "Customer " + customer, null, "e-c" + customer + "-" + at, at,
                CustomerPosting.UNKNOWN);
    }

    private static ItemRegistration item(String service, BigDecimal unitPrice) {
        return new ItemRegistration(Keys.service("b1", service), "b1", service, true, "I-" + service, null,
                "e-" + service, AT, unitPrice, ItemPosting.UNKNOWN);
    }
}
