package dev.bookingsinvoicing.items.registration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

class ItemTemplateTest {

    @EnableConfigurationProperties(ItemProperties.class)
    static class Settings {
    }

    private final ApplicationContextRunner runner = new ApplicationContextRunner().withUserConfiguration(Settings.class)
            .withPropertyValues("bookings.items.template.code=BOOKINGS-SVC",
                    "bookings.items.template.base-unit-of-measure=HOUR",
                    "bookings.items.template.gen-prod-posting-group=SERVICES",
                    "bookings.items.template.vat-prod-posting-group=VAT25");

    @Test
    void aTemplateOfAnotherTypeThanServiceCannotBeCreated() {
        assertThatThrownBy(() -> new ItemTemplate("STOCK", "Inventory", "PCS", "RETAIL", "VAT25", null, true))
                .isInstanceOf(ItemTemplate.InvalidItemTemplateException.class)
                .hasMessage("item template STOCK has type Inventory; Bookings services can only become items of type Service");
    }

    @Test
    void aServiceTemplateIsAccepted() {
        assertThat(new ItemTemplate("SVC", "service", "HOUR", "SERVICES", "VAT25", null, true).code()).isEqualTo("SVC");
    }

    @Test
    void theServiceRefusesToStartWithAnInventoryTemplateSayingWhy() {
        runner.withPropertyValues("bookings.items.template.type=Inventory").run(context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).rootCause().hasMessage(
                    "item template BOOKINGS-SVC has type Inventory; Bookings services can only become items of type Service");
        });
    }

    @Test
    void theServiceStartsWithAServiceTemplateAndDefaultSettings() {
        runner.withPropertyValues("bookings.items.template.type=Service").run(context -> {
            assertThat(context).hasNotFailed();
            ItemProperties properties = context.getBean(ItemProperties.class);
            assertThat(properties.template().useBookingsPriceAsUnitPrice()).isTrue();
            assertThat(properties.filter().includeHidden()).isTrue();
            assertThat(properties.numberSeries().prefix()).isEqualTo("SVC");
        });
    }

    @Test
    void aTemplateWithoutUnitOfMeasureIsRefusedAtStartUp() {
        runner.withPropertyValues("bookings.items.template.type=Service",
                "bookings.items.template.base-unit-of-measure=").run(context -> {
                    assertThat(context).hasFailed();
                    assertThat(context.getStartupFailure()).rootCause()
                            .hasMessageContaining("bookings.items.template.base-unit-of-measure is required");
                });
    }
}
