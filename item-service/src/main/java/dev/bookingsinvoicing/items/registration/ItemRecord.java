package dev.bookingsinvoicing.items.registration;

import java.math.BigDecimal;

import org.bson.Document;

/** An item as stored: type Service, from one Bookings service, with the template defaults it was created with. */
public record ItemRecord(String itemNo, String type, String description, BigDecimal unitPrice, String currency,
        String baseUnitOfMeasure, String templateCode, String genProdPostingGroup, String vatProdPostingGroup,
        String taxGroupCode, String businessId, String serviceId) {

    static ItemRecord of(Document d) {
        String price = d.getString("unitPrice");
        return new ItemRecord(d.getString("_id"), d.getString("type"), d.getString("description"),
                price == null ? null : new BigDecimal(price), d.getString("currency"), d.getString("baseUnitOfMeasure"),
                d.getString("templateCode"), d.getString("genProdPostingGroup"), d.getString("vatProdPostingGroup"),
                d.getString("taxGroupCode"), d.getString("businessId"), d.getString("serviceId"));
    }
}
