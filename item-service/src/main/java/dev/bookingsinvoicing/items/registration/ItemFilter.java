package dev.bookingsinvoicing.items.registration;

import java.util.List;
import java.util.Optional;

import dev.bookingsinvoicing.registration.RegistrationFilter;
import dev.bookingsinvoicing.registration.Rejection;
import dev.bookingsinvoicing.service.registration.FilterValues;

/**
 * BC's item filter, applied to the item the service would become: services hidden from customers only when the
 * settings include them, and the template's unit of measure, posting groups and tax group among the accepted values.
 */
public record ItemFilter(ItemProperties.Filter settings) implements RegistrationFilter<BookingsService, ItemTemplate> {

    public static final String HIDDEN_FROM_CUSTOMERS = "hidden-from-customers";
    public static final String UNIT_OF_MEASURE = "unit-of-measure-filter";
    public static final String GEN_PROD_POSTING_GROUP = "gen-prod-posting-group-filter";
    public static final String VAT_PROD_POSTING_GROUP = "vat-prod-posting-group-filter";
    public static final String TAX_GROUP = "tax-group-filter";

    /** The first rule the service fails as an item from {@code template}, or empty when it may be registered. */
    @Override
    public Optional<Rejection> check(BookingsService service, ItemTemplate template) {
        if (service.hiddenFromCustomers() && !settings.includeHidden()) {
            return Optional.of(new Rejection(HIDDEN_FROM_CUSTOMERS, "service " + service.displayName()
                    + " is hidden from customers and bookings.items.filter.include-hidden is false"));
        }
        for (Optional<Rejection> check : List.of(
                check(UNIT_OF_MEASURE, "unit of measure", settings.unitOfMeasure(), template.baseUnitOfMeasure(), template),
                check(GEN_PROD_POSTING_GROUP, "gen. prod. posting group", settings.genProdPostingGroup(),
                        template.genProdPostingGroup(), template),
                check(VAT_PROD_POSTING_GROUP, "VAT prod. posting group", settings.vatProdPostingGroup(),
                        template.vatProdPostingGroup(), template),
                check(TAX_GROUP, "tax group", settings.taxGroup(), template.taxGroupCode(), template))) {
            if (check.isPresent()) {
                return check;
            }
        }
        return Optional.empty();
    }

    private static Optional<Rejection> check(String rule, String what, List<String> accepted, String value,
            ItemTemplate template) {
        if (FilterValues.accepts(accepted, value)) {
            return Optional.empty();
        }
        String shown = value == null || value.isBlank() ? "no " + what : what + " '" + value.trim() + "'";
        return Optional.of(new Rejection(rule, "the item would have " + shown + " (from item template "
                + template.code() + "); the item filter accepts only " + String.join(", ", accepted)));
    }
}
