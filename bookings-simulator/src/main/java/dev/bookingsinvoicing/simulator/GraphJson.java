package dev.bookingsinvoicing.simulator;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;

import dev.bookingsinvoicing.simulator.SimulatedTenant.Address;
import dev.bookingsinvoicing.simulator.SimulatedTenant.Appointment;
import dev.bookingsinvoicing.simulator.SimulatedTenant.Attendee;
import dev.bookingsinvoicing.simulator.SimulatedTenant.Business;
import dev.bookingsinvoicing.simulator.SimulatedTenant.Customer;
import dev.bookingsinvoicing.simulator.SimulatedTenant.DateTimeShape;
import dev.bookingsinvoicing.simulator.SimulatedTenant.Service;
import dev.bookingsinvoicing.simulator.SimulatorSettings.AppointmentTimeKeys;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Renders the tenant's records in Microsoft Graph v1.0 JSON shapes (bookingBusiness, bookingCustomer,
 * bookingService, bookingAppointment). The {@code @odata.type} annotations matter: the Graph SDK only reads a
 * customer's fields when the derived type is named.
 */
final class GraphJson {

    // Graph writes dateTimeTimeZone.dateTime with seven fractional digits, usually without an offset
    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSSS");
    private static final DateTimeFormatter WITH_OFFSET = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSSSxxx");

    private final JsonMapper mapper;
    private final AppointmentTimeKeys timeKeys;

    GraphJson(JsonMapper mapper, AppointmentTimeKeys timeKeys) {
        this.mapper = mapper;
        this.timeKeys = timeKeys;
    }

    ObjectNode business(Business b) {
        ObjectNode node = mapper.createObjectNode();
        node.put("id", b.id());
        node.put("displayName", b.displayName());
        node.put("businessType", "Salon");
        node.put("defaultCurrencyIso", b.currency());
        node.put("email", b.email());
        node.put("phone", b.phone());
        node.put("webSiteUrl", "https://" + b.id().substring(b.id().indexOf('@') + 1));
        node.put("languageTag", "en-US");
        node.put("isPublished", true);
        node.putNull("publicUrl");
        node.set("address", address(b.address()));
        node.putArray("businessHours");
        node.putNull("schedulingPolicy");
        if (b.timeZoneName() != null) {
            node.putObject("bookingPageSettings").put("businessTimeZone", b.timeZoneName());
        }
        return node;
    }

    ObjectNode customer(Customer c) {
        ObjectNode node = mapper.createObjectNode();
        node.put("@odata.type", "#microsoft.graph.bookingCustomer");
        node.put("id", c.id());
        node.put("displayName", c.displayName());
        node.put("emailAddress", c.emailAddress());
        node.put("createdDateTime", "2026-01-01T00:00:00Z");
        node.put("lastUpdatedDateTime", "2026-01-01T00:00:00Z");
        ArrayNode addresses = node.putArray("addresses");
        if (c.address() != null) {
            ObjectNode address = address(c.address());
            address.put("type", "home");
            addresses.add(address);
        }
        ArrayNode phones = node.putArray("phones");
        if (c.phone() != null) {
            phones.addObject().put("number", c.phone()).put("type", "mobile");
        }
        return node;
    }

    ObjectNode service(Service s) {
        ObjectNode node = mapper.createObjectNode();
        node.put("@odata.type", "#microsoft.graph.bookingService");
        node.put("id", s.id());
        node.put("displayName", s.displayName());
        node.put("description", s.displayName());
        node.put("defaultDuration", s.defaultDuration().toString());
        price(node, "defaultPrice", s.defaultPrice());
        node.put("defaultPriceType", s.priceType());
        node.put("isHiddenFromCustomers", s.hiddenFromCustomers());
        node.put("isLocationOnline", false);
        node.put("maximumAttendeesCount", s.maximumAttendeesCount());
        node.put("preBuffer", "PT0S");
        node.put("postBuffer", "PT0S");
        node.put("smsNotificationsEnabled", false);
        node.put("notes", "");
        node.put("languageTag", "en-US");
        node.putArray("staffMemberIds");
        node.putArray("defaultReminders");
        node.putArray("customQuestions");
        node.putNull("schedulingPolicy");
        return node;
    }

    ObjectNode appointment(Appointment a) {
        ObjectNode node = mapper.createObjectNode();
        node.put("@odata.type", "#microsoft.graph.bookingAppointment");
        node.put("id", a.id());
        node.put("serviceId", a.serviceId());
        node.put("serviceName", a.serviceName());
        node.put("serviceNotes", "");
        node.put("additionalInformation", "");
        node.put("customerTimeZone", a.timeZoneName());
        node.put("duration", a.duration().toString());
        node.put("preBuffer", "PT0S");
        node.put("postBuffer", "PT0S");
        node.put("priceType", a.priceType());
        price(node, "price", a.price());
        node.put("isLocationOnline", false);
        node.put("optOutOfCustomerEmail", false);
        node.put("smsNotificationsEnabled", false);
        node.put("maximumAttendeesCount", a.maximumAttendeesCount());
        node.put("filledAttendeesCount", a.attendees().size());
        node.putArray("staffMemberIds");
        node.set(timeKeys.startKey(), dateTimeTimeZone(a, a.start()));
        node.set(timeKeys.endKey(), dateTimeTimeZone(a, a.end()));
        // the legacy single-customer fields, still sent by Graph for the first customer
        Attendee first = a.attendees().isEmpty() ? null : a.attendees().get(0);
        node.put("customerId", first == null ? null : first.customerId());
        node.put("customerName", first == null ? null : first.name());
        node.put("customerEmailAddress", first == null ? null : first.emailAddress());
        node.put("customerPhone", first == null ? null : first.phone());
        ArrayNode customers = node.putArray("customers");
        for (Attendee attendee : a.attendees()) {
            ObjectNode info = customers.addObject();
            info.put("@odata.type", "#microsoft.graph.bookingCustomerInformation");
            info.put("customerId", attendee.customerId());
            info.put("name", attendee.name());
            info.put("emailAddress", attendee.emailAddress());
            info.put("phone", attendee.phone());
            info.put("notes", "");
            info.put("timeZone", a.timeZoneName());
            info.putArray("customQuestionAnswers");
            info.putNull("location");
        }
        return node;
    }

    /** The dateTime string Graph writes for this instant of an appointment booked in {@code zone}. */
    static String graphDateTime(Instant instant, ZoneId zone, DateTimeShape shape) {
        // a name that is no zone ("Mars Standard Time") comes with UTC's wall time
        ZonedDateTime local = instant.atZone(zone == null ? ZoneOffset.UTC : zone);
        return switch (shape) {
            case LOCAL -> LOCAL.format(local);
            case OFFSET -> WITH_OFFSET.format(local);
            case UTC -> LOCAL.format(instant.atZone(ZoneOffset.UTC)) + "Z";
        };
    }

    private ObjectNode dateTimeTimeZone(Appointment a, Instant instant) {
        return mapper.createObjectNode().put("dateTime", graphDateTime(instant, a.writtenZone(), a.dateTimeShape()))
                .put("timeZone", a.timeZoneName());
    }

    private ObjectNode address(Address a) {
        ObjectNode node = mapper.createObjectNode();
        node.put("street", a.street());
        node.put("city", a.city());
        node.put("state", a.state());
        node.put("postalCode", a.postalCode());
        node.put("countryOrRegion", a.countryOrRegion());
        node.put("postOfficeBox", (String) null);
        return node;
    }

    private static void price(ObjectNode node, String field, BigDecimal price) {
        if (price != null) {
            // Graph prices are Edm.Double
            node.put(field, price.doubleValue());
        }
    }
}
