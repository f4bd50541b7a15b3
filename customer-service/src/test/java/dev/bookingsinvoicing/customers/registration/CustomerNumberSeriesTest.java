package dev.bookingsinvoicing.customers.registration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.data.mongodb.core.MongoTemplate;

import dev.bookingsinvoicing.customers.templates.CustomerTemplates;
import dev.bookingsinvoicing.registration.Discovery;
import dev.bookingsinvoicing.service.testing.TestMongo;
import dev.bookingsinvoicing.service.registration.NumberSeriesExhaustedException;

/**
 * More Bookings customers than a two-digit series holds (C10 .. C90), against the real wire-protocol MongoDB server:
 * one warning when the series crosses its share, a clear error that draws nothing, and a wider series going on.
 */
@ExtendWith(OutputCaptureExtension.class)
class CustomerNumberSeriesTest {

    private static final Instant AT = Instant.parse("2026-11-01T10:00:00Z");
    private static final String SETTING = "bookings.customers.number-series.digits";

    @AutoClose
    private final TestMongo server = new TestMongo();
    private final MongoTemplate mongo = server.template("customers");
    private final CustomerStore store = new CustomerStore(mongo);
    private final CustomerTemplates templates = new CustomerTemplates(mongo, store, "BOOKINGS");

    @Test
    void aFullSeriesWarnsOnceThenRefusesWithTheSettingToRaiseAndAWiderOneGoesOnWithTheNextNumber(
            CapturedOutput output) {
        CustomerRegistrar twoDigits = registrar(2);
        // 9 numbers fit: 10, 20, ... 90; 80% of them used is the 8th (C80)
        List<String> numbers = IntStream.rangeClosed(1, 9).mapToObj(i -> ((RegistrationOutcome.Registered) twoDigits
                .register(person(i), new Discovery("e" + i, AT)).orElseThrow()).customerNo()).toList();
        assertThat(numbers).containsExactly("C10", "C20", "C30", "C40", "C50", "C60", "C70", "C80", "C90");
        assertThat(output.getOut().lines().filter(l -> l.contains("WARN") && l.contains("number series C has")))
                .singleElement().satisfies(l -> assertThat(l).contains("customer number series C has 1 of 9 numbers "
                        + "left (80% warning threshold passed); raise " + SETTING + " before it is exhausted"));

        for (int attempt = 0; attempt < 3; attempt++) {
            assertThatThrownBy(() -> twoDigits.register(person(10), new Discovery("e10", AT)))
                    .isInstanceOf(NumberSeriesExhaustedException.class)
                    .hasMessage("customer number series C is exhausted: all 9 numbers of 2 digits at step 10 are used "
                            + "(its last number is C90); raise " + SETTING + " to continue with the next number");
        }
        // a Bookings customer matching an existing email needs no number and is still registered
        assertThat(((RegistrationOutcome.Registered) twoDigits.register(
                new BookingsCustomer("clinic", "k1", "Twin", "person1@example.com", null, null),
                new Discovery("k1", AT)).orElseThrow()).customerNo()).isEqualTo("C10");
        assertThat(store.lastNumber()).isEqualTo(90);

        // the retried registration, after the setting is raised, takes the very next number
        RegistrationOutcome.Registered next = (RegistrationOutcome.Registered) registrar(3)
                .register(person(10), new Discovery("e10", AT)).orElseThrow();
        assertThat(next.customerNo()).isEqualTo("C100");
    }

    /** The default series (C + 5 digits at step 10) holds 9,999 customers; the 10,000th is refused, not lost. */
    @Test
    void theDefaultSeriesRegistersItsNineThousandNineHundredNinetyNineAndRefusesTheNextUntilWidened(
            CapturedOutput output) {
        // the series as configured by default (the properties' own defaults, bound as at start-up)
        CustomerProperties.NumberSeriesSettings defaults = new Binder(new MapConfigurationPropertySource())
                .bindOrCreate("bookings.customers.number-series", CustomerProperties.NumberSeriesSettings.class);
        CustomerRegistrar registrar = registrar(defaults);
        String last = null;
        for (int i = 1; i <= 9_999; i++) {
            last = ((RegistrationOutcome.Registered) registrar.register(person(i), new Discovery("e" + i, AT))
                    .orElseThrow()).customerNo();
        }
        // C00010 ... C99990: 9,999 distinct numbers, the warning once at 90% (the 9,000th)
        assertThat(last).isEqualTo("C99990");
        assertThat(store.lastNumber()).isEqualTo(99_990);
        assertThat(output.getOut().lines().filter(l -> l.contains("WARN") && l.contains("number series C has")))
                .hasSize(1);

        assertThatThrownBy(() -> registrar.register(person(10_000), new Discovery("e10000", AT)))
                .isInstanceOf(NumberSeriesExhaustedException.class).hasMessageContaining(SETTING);
        RegistrationOutcome.Registered next = (RegistrationOutcome.Registered) registrar(6)
                .register(person(10_000), new Discovery("e10000", AT)).orElseThrow();
        assertThat(next.customerNo()).isEqualTo("C100000");
    }

    private CustomerRegistrar registrar(int digits) {
        return registrar(new CustomerProperties.NumberSeriesSettings("C", digits, 10, 0.8));
    }

    private CustomerRegistrar registrar(CustomerProperties.NumberSeriesSettings series) {
        templates.seedAndCheck(List.of(CustomerFilterTest.TEMPLATE));
        return new CustomerRegistrar(new CustomerFilter(CustomerProperties.Filter.acceptAll()),
                templates::defaultTemplate, series.numbers(), store);
    }

    private static BookingsCustomer person(int i) {
        return new BookingsCustomer("salon", "c" + i, "Person " + i, "person" + i + "@example.com", null, null);
    }
}
