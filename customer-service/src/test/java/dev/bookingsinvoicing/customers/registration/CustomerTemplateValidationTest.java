package dev.bookingsinvoicing.customers.registration;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

class CustomerTemplateValidationTest {

    @EnableConfigurationProperties(CustomerProperties.class)
    static class Settings {
    }

    private final ApplicationContextRunner runner = new ApplicationContextRunner().withUserConfiguration(Settings.class)
            .withPropertyValues("bookings.customers.template.code=BOOKINGS",
                    "bookings.customers.template.customer-posting-group=DOMESTIC",
                    "bookings.customers.template.gen-bus-posting-group=DOMESTIC",
                    "bookings.customers.template.vat-bus-posting-group=DOMESTIC");

    @Test
    void aCompleteTemplateIsAcceptedWithDefaultsForTheRest() {
        runner.withPropertyValues("bookings.customers.template.currency-code=EUR").run(context -> {
            assertThat(context).hasNotFailed();
            CustomerProperties properties = context.getBean(CustomerProperties.class);
            assertThat(properties.template().currencyCode()).isEqualTo("EUR");
            assertThat(properties.template().pricesIncludingVat()).isFalse();
            assertThat(properties.filter().country()).isEmpty();
            assertThat(properties.numberSeries().prefix()).isEqualTo("C");
        });
    }

    @Test
    void aTemplateWithoutCodeIsRefusedAtStartUp() {
        runner.withPropertyValues("bookings.customers.template.code=").run(context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).rootCause().hasMessageContaining("bookings.customers.template.code is required");
        });
    }

    @Test
    void aTemplateWithAMalformedCurrencyIsRefusedAtStartUp() {
        runner.withPropertyValues("bookings.customers.template.currency-code=euro").run(context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).rootCause().hasMessageContaining("ISO 4217");
        });
    }
}
