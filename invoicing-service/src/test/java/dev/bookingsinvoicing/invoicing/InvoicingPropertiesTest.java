package dev.bookingsinvoicing.invoicing;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import dev.bookingsinvoicing.invoicing.command.InvoiceGrouping;

/**
 * The lines per draft invoice are checked at start-up: a draft too large for a Kafka record never starts; the
 * default grouping and its deprecated predecessor.
 */
class InvoicingPropertiesTest {

    @EnableConfigurationProperties(InvoicingProperties.class)
    static class Properties {
    }

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withUserConfiguration(Properties.class);

    @Test
    void draftsHoldFiveHundredLinesUnlessConfigured() {
        runner.run(context -> assertThat(context.getBean(InvoicingProperties.class).maxLinesPerInvoice())
                .isEqualTo(500));
        runner.withPropertyValues("bookings.invoicing.max-lines-per-invoice=900").run(context -> assertThat(
                context.getBean(InvoicingProperties.class).maxLinesPerInvoice()).isEqualTo(900));
    }

    @Test
    void invoicesArePerCustomerUnlessAnotherGroupingIsTheDefaultOrTheOldPerBusinessSettingIsOn() {
        runner.run(context -> assertThat(context.getBean(InvoicingProperties.class).grouping())
                .isEqualTo(InvoiceGrouping.CUSTOMER));
        runner.withPropertyValues("bookings.invoicing.default-grouping=customer-and-month").run(context -> assertThat(
                context.getBean(InvoicingProperties.class).grouping()).isEqualTo(InvoiceGrouping.CUSTOMER_AND_MONTH));
        runner.withPropertyValues("bookings.invoicing.invoice-per-business=true").run(context -> assertThat(
                context.getBean(InvoicingProperties.class).grouping()).isEqualTo(InvoiceGrouping.CUSTOMER_AND_BUSINESS));
        // the new setting wins over the deprecated one
        runner.withPropertyValues("bookings.invoicing.invoice-per-business=true",
                "bookings.invoicing.default-grouping=CUSTOMER").run(context -> assertThat(
                        context.getBean(InvoicingProperties.class).grouping()).isEqualTo(InvoiceGrouping.CUSTOMER));
    }

    @Test
    void aDraftOfNoLineOrOfMoreThanFitsARecordStopsTheStart() {
        for (String lines : new String[] { "0", "901" }) {
            runner.withPropertyValues("bookings.invoicing.max-lines-per-invoice=" + lines).run(context -> {
                assertThat(context).hasFailed();
                assertThat(context.getStartupFailure()).rootCause().hasMessageContaining("maxLinesPerInvoice");
            });
        }
    }
}
