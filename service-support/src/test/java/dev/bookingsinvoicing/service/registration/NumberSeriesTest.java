package dev.bookingsinvoicing.service.registration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.stream.LongStream;

import org.junit.jupiter.api.Test;
import org.springframework.boot.health.contributor.Health;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

class NumberSeriesTest {

    private static final String SETTING = "bookings.customers.number-series.digits";

    /** The default customer series: C + 5 digits at step 10, warned about from 90% used. */
    private final NumberSeries customers = new NumberSeries("customer", "C", 5, 10, 0.9, SETTING);

    @Test
    void aValueIsPaddedToTheDigitsAfterThePrefix() {
        assertThat(customers.format(10)).isEqualTo("C00010");
        assertThat(customers.format(99990)).isEqualTo("C99990");
        assertThat(customers.step()).isEqualTo(10);
        assertThat(new NumberSeries("item", "SVC", 4, 10).format(10)).isEqualTo("SVC0010");
    }

    @Test
    void theDefaultCustomerSeriesHolds9999NumbersAndWarnsFromThe8999th() {
        // counted independently: every multiple of 10 from 10 that still has at most five digits
        long fits = LongStream.iterate(10, v -> v + 10).takeWhile(v -> Long.toString(v).length() <= 5).count();
        assertThat(fits).isEqualTo(9_999);
        assertThat(customers.capacity()).isEqualTo(fits);
        assertThat(customers.remaining(0)).isEqualTo(9_999);
        assertThat(customers.remaining(10)).isEqualTo(9_998);
        assertThat(customers.remaining(99_990)).isZero();

        // 90% of 9,999 is 8,999.1: the 9,000th number (C90000) is the first one past the threshold
        assertThat(customers.pastWarning(89_990)).isFalse();
        assertThat(customers.pastWarning(90_000)).isTrue();
        assertThat(LongStream.iterate(10, v -> v <= 99_990, v -> v + 10).filter(customers::crossesWarning))
                .containsExactly(90_000L);
        assertThat(customers.warning(90_000)).isEqualTo("customer number series C has 999 of 9999 numbers left (90% "
                + "warning threshold passed); raise bookings.customers.number-series.digits before it is exhausted");
    }

    @Test
    void aNumberPastTheLastSaysWhichSeriesIsExhaustedAndWhatToChange() {
        assertThatThrownBy(() -> customers.format(100_000)).isInstanceOf(NumberSeriesExhaustedException.class)
                .hasMessage("customer number series C is exhausted: all 9999 numbers of 5 digits at step 10 are used "
                        + "(its last number is C99990); raise bookings.customers.number-series.digits to continue "
                        + "with the next number");

        // one digit more and the same counter goes on: the next number is 100000, not a restart at 10
        NumberSeries wider = new NumberSeries("customer", "C", 6, 10, 0.9, SETTING);
        assertThat(wider.format(99_990 + 10)).isEqualTo("C100000");
        assertThat(wider.remaining(100_000)).isEqualTo(89_999);
        assertThat(wider.pastWarning(100_000)).isFalse();
    }

    @Test
    void aSeriesThatCannotHoldOneNumberOrAShareOutsideZeroToOneIsRefused() {
        assertThatIllegalArgumentException().isThrownBy(() -> new NumberSeries("item", "SVC", 1, 10, 0.9, "x.digits"))
                .withMessage("the step of the item number series SVC must be 1..9 to fit 1 digits, not 10");
        assertThatIllegalArgumentException().isThrownBy(() -> new NumberSeries("item", "SVC", 4, 10, 0, "x.digits"));
        assertThatIllegalArgumentException().isThrownBy(() -> new NumberSeries("item", "SVC", 4, 10, 1.5, "x.digits"));
        assertThatIllegalArgumentException().isThrownBy(() -> new NumberSeries("item", "SVC", 19, 10, 0.9, "x.digits"))
                .withMessage("x.digits must be 1..18, not 19");
    }

    @Test
    void theMonitorReportsTheNumbersLeftAndIsDegradedFromTheWarningShareOn() {
        long[] last = {0};
        NumberSeriesMonitor monitor = new NumberSeriesMonitor(customers, () -> last[0]);
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        monitor.bindTo(registry);

        assertThat(registry.get(NumberSeriesMonitor.GAUGE).tag("series", "customer").gauge().value()).isEqualTo(9_999);
        assertThat(monitor.health().getStatus().getCode()).isEqualTo("UP");

        last[0] = 90_000;
        assertThat(registry.get(NumberSeriesMonitor.GAUGE).gauge().value()).isEqualTo(999);
        Health warned = monitor.health();
        assertThat(warned.getStatus().getCode()).isEqualTo("DEGRADED");
        assertThat(warned.getDetails()).containsEntry("remaining", 999L).containsEntry("setting", SETTING);

        last[0] = 99_990;
        Health exhausted = monitor.health();
        assertThat(registry.get(NumberSeriesMonitor.GAUGE).gauge().value()).isZero();
        assertThat(exhausted.getStatus().getCode()).isEqualTo("DEGRADED");
        assertThat(exhausted.getStatus().getDescription()).startsWith("customer number series C is exhausted");
    }
}
