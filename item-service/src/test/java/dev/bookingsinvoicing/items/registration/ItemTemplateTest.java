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
            .withPropertyValues("bookings.items.default-template=BOOKINGS-SVC",
                    "bookings.items.templates[0].code=BOOKINGS-SVC",
                    "bookings.items.templates[0].base-unit-of-measure=HOUR",
                    "bookings.items.templates[0].gen-prod-posting-group=SERVICES",
                    "bookings.items.templates[0].vat-prod-posting-group=VAT25");

    @Test
    void aTemplateOfAnotherTypeThanServiceCannotBeCreated() {
        assertThatThrownBy(() -> new ItemTemplate("STOCK", null, "Inventory", "PCS", "RETAIL", "VAT25", null, true))
                .isInstanceOf(ItemTemplate.InvalidItemTemplateException.class)
                .hasMessage("item template STOCK has type Inventory; Bookings services can only become items of type Service");
    }

    @Test
    void aServiceTemplateIsAccepted() {
        assertThat(new ItemTemplate("SVC", null, "service", "HOUR", "SERVICES", "VAT25", null, true).code()).isEqualTo("SVC");
    }

    @Test
    void theServiceRefusesToStartWithAnInventoryTemplateSayingWhy() {
        runner.withPropertyValues("bookings.items.templates[0].type=Inventory").run(context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).rootCause().hasMessage(
                    "item template BOOKINGS-SVC has type Inventory; Bookings services can only become items of type Service");
        });
    }

    @Test
    void theServiceStartsWithAServiceTemplateAndDefaultSettings() {
        runner.withPropertyValues("bookings.items.templates[0].type=Service").run(context -> {
            assertThat(context).hasNotFailed();
            ItemProperties properties = context.getBean(ItemProperties.class);
            assertThat(properties.templates().get(0).useBookingsPriceAsUnitPrice()).isTrue();
            assertThat(properties.filter().includeHidden()).isTrue();
            assertThat(properties.numberSeries().prefix()).isEqualTo("SVC");
        });
    }

    @Test
    void aTemplateWithoutUnitOfMeasureIsRefusedAtStartUp() {
        runner.withPropertyValues("bookings.items.templates[0].type=Service",
                "bookings.items.templates[0].base-unit-of-measure=").run(context -> {
                    assertThat(context).hasFailed();
                    assertThat(context.getStartupFailure()).rootCause()
                            .hasMessageContaining("templates[0].baseUnitOfMeasure").hasMessageContaining("base-unit-of-measure is required");
                });
    }
}
