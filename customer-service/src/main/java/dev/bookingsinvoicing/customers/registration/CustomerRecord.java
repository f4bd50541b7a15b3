package dev.bookingsinvoicing.customers.registration;

import java.util.List;

import org.bson.Document;

/** A customer as stored: number, contact details, the template defaults it was created with, and its Bookings ids. */
public record CustomerRecord(String customerNo, String name, String email, String phone, BookingsCustomer.Address address,
        String templateCode, String customerPostingGroup, String genBusPostingGroup, String vatBusPostingGroup,
        String paymentTermsCode, String paymentMethodCode, String currencyCode, String countryRegionCode,
        String languageCode, boolean pricesIncludingVat, List<BookingsId> bookingsIds) {

    /** A Bookings customer this customer came from. */
    public record BookingsId(String businessId, String bookingsCustomerId) {
    }

    static CustomerRecord of(Document d) {
        Document a = d.get("address", Document.class);
        BookingsCustomer.Address address = a == null ? null : new BookingsCustomer.Address(a.getString("street"),
                a.getString("city"), a.getString("state"), a.getString("postalCode"), a.getString("countryOrRegion"));
        List<BookingsId> ids = d.getList("bookingsIds", Document.class, List.of()).stream()
                .map(i -> new BookingsId(i.getString("businessId"), i.getString("bookingsCustomerId"))).toList();
        return new CustomerRecord(d.getString("_id"), d.getString("name"), d.getString("email"), d.getString("phone"),
                address, d.getString("templateCode"), d.getString("customerPostingGroup"),
                d.getString("genBusPostingGroup"), d.getString("vatBusPostingGroup"), d.getString("paymentTermsCode"),
                d.getString("paymentMethodCode"), d.getString("currencyCode"), d.getString("countryRegionCode"),
                d.getString("languageCode"), d.getBoolean("pricesIncludingVat", false), ids);
    }
}
