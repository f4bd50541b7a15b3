package dev.bookingsinvoicing.registration;

/**
 * How a registration service names what it registers, in its settings, collections, API paths and messages:
 * customer-service registers customers ({@code bookings.customers}, templates in {@code customer_templates} and at
 * {@code /api/customer-templates}), item-service items ({@code bookings.items}, {@code item_templates},
 * {@code /api/item-templates}).
 */
public record Nouns(String singular, String plural) {

    /** The prefix of the service's settings, e.g. {@code bookings.customers}. */
    public String settings() {
        return "bookings." + plural;
    }

    public String templateCollection() {
        return singular + "_templates";
    }

    public String templatePath() {
        return "/api/" + singular + "-templates";
    }
}
