package dev.bookingsinvoicing.invoicing;

import java.time.Duration;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.DeprecatedConfigurationProperty;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import dev.bookingsinvoicing.invoicing.command.InvoiceGrouping;
import dev.bookingsinvoicing.invoicing.command.InvoicePlanner;

/**
 * Settings under {@code bookings.invoicing}.
 *
 * @param maxSelection         the most booking ids one SELECTED command may name (the command travels as one
 *                             Kafka record)
 * @param planLinesPerDocument invoice lines (or skipped bookings) per stored plan piece; a line takes about 300
 *                             bytes, so the default keeps pieces near 1.5 MB, far below MongoDB's 16 MB
 * @param maxLinesPerInvoice   lines per draft invoice: a customer's bookings beyond it go on further drafts of the
 *                             same command, so one DraftInvoiceCreated stays far below Kafka's default 1 MB
 *                             record limit: 500 lines encode to about 195 kB with ids as Graph makes them,
 *                             545 kB with the longest (DraftInvoiceSizeTest)
 * @param defaultGrouping      how an InvoiceBookings that names no grouping groups its invoices: CUSTOMER (the
 *                             default, Business Central's rule) one per customer and currency, holding the bookings
 *                             of every business; CUSTOMER_AND_BUSINESS one per customer, currency and business;
 *                             CUSTOMER_AND_MONTH one per customer, currency and month of the bookings' local dates
 * @param invoicePerBusiness   deprecated: true means default-grouping CUSTOMER_AND_BUSINESS when default-grouping
 *                             is not set
 * @param hourUnitOfMeasure    the unit of measure code of invoice lines billed per hour (Business Central's HOUR)
 * @param dashboard            how long the dashboard API may serve an answer from memory (see DashboardCache)
 */
@Validated
@ConfigurationProperties("bookings.invoicing")
public record InvoicingProperties(@Min(1) @DefaultValue("10000") int maxSelection,
        @Min(1) @DefaultValue("5000") int planLinesPerDocument,
        @Min(1) @Max(MAX_LINES_PER_INVOICE_LIMIT)
        @DefaultValue("" + InvoicePlanner.DEFAULT_MAX_LINES_PER_INVOICE) int maxLinesPerInvoice,
        InvoiceGrouping defaultGrouping,
        @DefaultValue("false") boolean invoicePerBusiness,
        @NotBlank @DefaultValue(InvoicePlanner.DEFAULT_HOUR_UNIT_OF_MEASURE) String hourUnitOfMeasure,
        @DefaultValue Dashboard dashboard) {

    /** The grouping of commands that name none: default-grouping, else the deprecated invoice-per-business. */
    public InvoiceGrouping grouping() {
        if (defaultGrouping != null) {
            return defaultGrouping;
        }
        return invoicePerBusiness ? InvoiceGrouping.CUSTOMER_AND_BUSINESS : InvoiceGrouping.CUSTOMER;
    }

    @Override
    @DeprecatedConfigurationProperty(replacement = "bookings.invoicing.default-grouping",
            reason = "one of three groupings now; true is default-grouping CUSTOMER_AND_BUSINESS")
    public boolean invoicePerBusiness() {
        return invoicePerBusiness;
    }

    /** The most lines a draft may be configured to hold: with the longest ids, 900 lines encode to about 980 kB. */
    public static final int MAX_LINES_PER_INVOICE_LIMIT = 900;

    /**
     * @param maxAge     an answer younger than this is served as it is; 0 turns the cache off
     * @param maxStale   an answer younger than this is served while it is refreshed in the background
     * @param maxEntries distinct queries kept
     */
    public record Dashboard(@DefaultValue("1s") Duration maxAge, @DefaultValue("5s") Duration maxStale,
            @Min(1) @DefaultValue("1000") int maxEntries) {
    }
}
