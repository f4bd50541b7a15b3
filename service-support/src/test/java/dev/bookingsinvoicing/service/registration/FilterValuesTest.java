package dev.bookingsinvoicing.service.registration;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class FilterValuesTest {

    @Test
    void noFilterAcceptsEverything() {
        assertThat(FilterValues.accepts(List.of(), "anything")).isTrue();
        assertThat(FilterValues.accepts(null, null)).isTrue();
    }

    @Test
    void valuesWildcardsAndRangesMatchTrimmedAndIgnoringCase() {
        assertThat(FilterValues.accepts(List.of(" aarhus "), "AARHUS")).isTrue();
        assertThat(FilterValues.accepts(List.of("8*"), "8000")).isTrue();
        assertThat(FilterValues.accepts(List.of("8*"), "7000")).isFalse();
        assertThat(FilterValues.accepts(List.of("8000..8999"), "8500")).isTrue();
        assertThat(FilterValues.accepts(List.of("8000..8999"), "9000")).isFalse();
        assertThat(FilterValues.accepts(List.of("..8999"), "")).isFalse();
        assertThat(FilterValues.accepts(List.of("Odense", "8*"), "Odense")).isTrue();
    }
}
