package dev.bookingsinvoicing.items.registration;

import java.util.List;

import org.bson.Document;

/** Services of one business that share a display name: each has its own item, listed so that someone can tidy up. */
public record DuplicateName(String businessId, String displayName, List<ServiceItem> services) {

    /** One of the services sharing the name, and its item. */
    public record ServiceItem(String serviceId, String itemNo) {
    }

    static DuplicateName of(Document d) {
        return new DuplicateName(d.getString("businessId"), d.getString("displayName"),
                d.getList("services", Document.class, List.of()).stream()
                        .map(s -> new ServiceItem(s.getString("serviceId"), s.getString("itemNo"))).toList());
    }
}
