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
            .withPropertyValues("bookings.customers.default-template=BOOKINGS",
                    "bookings.customers.templates[0].code=BOOKINGS",
                    "bookings.customers.templates[0].customer-posting-group=DOMESTIC",
                    "bookings.customers.templates[0].gen-bus-posting-group=DOMESTIC",
                    "bookings.customers.templates[0].vat-bus-posting-group=DOMESTIC");

    @Test
    void aCompleteTemplateIsAcceptedWithDefaultsForTheRest() {
        runner.withPropertyValues("bookings.customers.templates[0].currency-code=EUR").run(context -> {
            assertThat(context).hasNotFailed();
            CustomerProperties properties = context.getBean(CustomerProperties.class);
            assertThat(properties.templates().get(0).currencyCode()).isEqualTo("EUR");
            assertThat(properties.templates().get(0).pricesIncludingVat()).isFalse();
            assertThat(properties.filter().country()).isEmpty();
            assertThat(properties.numberSeries().prefix()).isEqualTo("C");
        });
    }

    @Test
    void aTemplateWithoutCodeIsRefusedAtStartUp() {
        runner.withPropertyValues("bookings.customers.templates[0].code=").run(context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).rootCause().hasMessageContaining("templates[0].code")
                    .hasMessageContaining("code is required");
        });
    }

    @Test
    void aTemplateWithAMalformedCurrencyIsRefusedAtStartUp() {
        runner.withPropertyValues("bookings.customers.templates[0].currency-code=euro").run(context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).rootCause().hasMessageContaining("ISO 4217");
        });
    }

    @Test
    void aSetupWithoutADefaultTemplateIsRefusedAtStartUp() {
        runner.withPropertyValues("bookings.customers.default-template=").run(context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).rootCause()
                    .hasMessageContaining("bookings.customers.default-template is required");
        });
    }
}
