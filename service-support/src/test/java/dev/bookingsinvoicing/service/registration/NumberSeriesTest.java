package dev.bookingsinvoicing.service.registration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class NumberSeriesTest {

    @Test
    void aValueIsPaddedToTheDigitsAfterThePrefixUntilTheSeriesIsExhausted() {
        NumberSeries customers = new NumberSeries("customer", "C", 5, 10);

        assertThat(customers.format(10)).isEqualTo("C00010");
        assertThat(customers.format(99999)).isEqualTo("C99999");
        assertThat(customers.step()).isEqualTo(10);
        assertThatThrownBy(() -> customers.format(100000)).isInstanceOf(IllegalStateException.class)
                .hasMessage("customer number series C is exhausted at 100000");
        assertThat(new NumberSeries("item", "SVC", 4, 10).format(10)).isEqualTo("SVC0010");
    }
}
