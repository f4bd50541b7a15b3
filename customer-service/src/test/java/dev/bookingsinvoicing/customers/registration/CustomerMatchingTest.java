package dev.bookingsinvoicing.customers.registration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import org.junit.jupiter.api.Test;

class CustomerMatchingTest {

    @Test
    void emailAddressesMatchTrimmedAndCaseInsensitively() {
        assertThat(EmailAddresses.normalise("  Ann.Smith@Example.COM ")).isEqualTo("ann.smith@example.com");
        assertThat(EmailAddresses.normalise("ann.smith@example.com")).isEqualTo(EmailAddresses.normalise("ANN.SMITH@EXAMPLE.COM"));
        assertThat(EmailAddresses.normalise(" ")).isNull();
        assertThat(EmailAddresses.normalise(null)).isNull();
    }

    @Test
    void customerNumbersFollowTheSeriesFormat() {
        CustomerNumbers numbers = new CustomerNumbers(new CustomerProperties.NumberSeries("C", 5, 10));

        assertThat(numbers.format(10)).isEqualTo("C00010");
        assertThat(numbers.format(20)).isEqualTo("C00020");
        assertThat(numbers.format(99990)).isEqualTo("C99990");
        assertThatIllegalStateException().isThrownBy(() -> numbers.format(100000)).withMessageContaining("exhausted");
    }

    @Test
    void theSameRegistrationHasTheSameEventIdAndChangedContentANewOne() {
        RegistrationOutcome.Registered first = new RegistrationOutcome.Registered("b", "c", "C00010", "Ann", "a@x.dk", "T", true);
        RegistrationOutcome.Registered again = new RegistrationOutcome.Registered("b", "c", "C00010", "Ann", "a@x.dk", "T", true);
        RegistrationOutcome.Registered renamed = new RegistrationOutcome.Registered("b", "c", "C00010", "Anna", "a@x.dk", "T", true);
        RegistrationOutcome.Registered otherSource = new RegistrationOutcome.Registered("b", "d", "C00010", "Ann", "a@x.dk", "T", false);

        assertThat(again.eventId()).isEqualTo(first.eventId());
        assertThat(renamed.eventId()).isNotEqualTo(first.eventId());
        assertThat(otherSource.eventId()).isNotEqualTo(first.eventId());
        assertThat(new RegistrationOutcome.Rejected("b", "c", "email-required", "no email").eventId())
                .isEqualTo(new RegistrationOutcome.Rejected("b", "c", "email-required", "no email").eventId());
    }
}
