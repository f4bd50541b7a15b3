package dev.bookingsinvoicing.customers.registration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.bookingsinvoicing.service.registration.NumberSeries;

class CustomerMatchingTest {

    private static final RegistrationOutcome.Posting POSTING = new RegistrationOutcome.Posting("DOMESTIC", "DOMESTIC",
            "DOMESTIC");

    @Test
    void emailAddressesMatchTrimmedAndCaseInsensitively() {
        assertThat(EmailAddresses.normalise("  Ann.Smith@Example.COM ")).isEqualTo("ann.smith@example.com");
        assertThat(EmailAddresses.normalise("ann.smith@example.com")).isEqualTo(EmailAddresses.normalise("ANN.SMITH@EXAMPLE.COM"));
        assertThat(EmailAddresses.normalise(" ")).isNull();
        assertThat(EmailAddresses.normalise(null)).isNull();
    }

    @Test
    void customerNumbersFollowTheSeriesFormat() {
        NumberSeries numbers = new NumberSeries("customer", "C", 5, 10);

        assertThat(numbers.format(10)).isEqualTo("C00010");
        assertThat(numbers.format(20)).isEqualTo("C00020");
        assertThat(numbers.format(99990)).isEqualTo("C99990");
        assertThatIllegalStateException().isThrownBy(() -> numbers.format(100000)).withMessageContaining("exhausted");
    }

    @Test
    void theSameRegistrationHasTheSameEventIdAndChangedContentOrHistoryANewOne() {
        Instant at = Instant.parse("2026-11-01T10:00:00Z");
        RegistrationOutcome.Registered first = RegistrationOutcome.Registered.of(at, null, "b", "c", "C00010", "Ann", "a@x.dk", "T", true, POSTING);
        RegistrationOutcome.Registered again = RegistrationOutcome.Registered.of(at, null, "b", "c", "C00010", "Ann", "a@x.dk", "T", true, POSTING);
        RegistrationOutcome.Registered renamed = RegistrationOutcome.Registered.of(at, null, "b", "c", "C00010", "Anna", "a@x.dk", "T", true, POSTING);
        RegistrationOutcome.Registered otherSource = RegistrationOutcome.Registered.of(at, null, "b", "d", "C00010", "Ann", "a@x.dk", "T", false, POSTING);
        RegistrationOutcome.Registered afterRejection = RegistrationOutcome.Registered.of(at, "rejected-1", "b", "c", "C00010", "Ann", "a@x.dk", "T", true, POSTING);

        assertThat(again.eventId()).isEqualTo(first.eventId());
        assertThat(renamed.eventId()).isNotEqualTo(first.eventId());
        assertThat(otherSource.eventId()).isNotEqualTo(first.eventId());
        assertThat(afterRejection.eventId()).isNotEqualTo(first.eventId());
        assertThat(RegistrationOutcome.Rejected.of(at, null, "b", "c", "email-required", "no email").eventId())
                .isEqualTo(RegistrationOutcome.Rejected.of(at, null, "b", "c", "email-required", "no email").eventId());
        // the same update after a different history is another event: consumers must not drop it as seen
        assertThat(RegistrationOutcome.Updated.of(at, "e1", "b", "c", "C00010", "Ann", "a@x.dk", null, List.of("name"), POSTING).eventId())
                .isNotEqualTo(RegistrationOutcome.Updated.of(at, "e3", "b", "c", "C00010", "Ann", "a@x.dk", null, List.of("name"), POSTING).eventId());
    }
}
