package dev.bookingsinvoicing.sync.setup;

import java.util.Map;
import java.util.function.Function;

import dev.bookingsinvoicing.sync.domain.BookingsData.CustomerData;
import dev.bookingsinvoicing.sync.domain.BookingsData.ServiceData;

/** The fields a customer filter and an item (service) filter may name. */
public final class SetupFilters {

    /** name, email, phone, city, state, postalcode, country. */
    public static final Map<String, Function<CustomerData, String>> CUSTOMER_FIELDS = Map.of(
            "name", CustomerData::displayName, "email", CustomerData::emailAddress, "phone", CustomerData::phone,
            "city", CustomerData::city, "state", CustomerData::state, "postalcode", CustomerData::postalCode,
            "country", CustomerData::countryOrRegion);

    /** name, pricetype, hidden (true/false). */
    public static final Map<String, Function<ServiceData, String>> ITEM_FIELDS = Map.of(
            "name", ServiceData::displayName, "pricetype", ServiceData::priceType,
            "hidden", s -> String.valueOf(s.hiddenFromCustomers()));

    private SetupFilters() {
    }

    public static SetupFilter<CustomerData> customers(String expression) {
        try {
            return SetupFilter.parse(expression, CUSTOMER_FIELDS);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("customer-filter: " + e.getMessage(), e);
        }
    }

    public static SetupFilter<ServiceData> items(String expression) {
        try {
            return SetupFilter.parse(expression, ITEM_FIELDS);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("item-filter: " + e.getMessage(), e);
        }
    }
}
