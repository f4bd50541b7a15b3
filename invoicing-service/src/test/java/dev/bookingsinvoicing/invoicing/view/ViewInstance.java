package dev.bookingsinvoicing.invoicing.view;

import org.springframework.data.mongodb.core.MongoTemplate;

import dev.bookingsinvoicing.invoicing.pricing.Pricing;
import dev.bookingsinvoicing.invoicing.store.DocumentsById;

/**
 * The view's classes wired by hand over one template, as one instance of invoicing-service has them, its totals
 * initialised as at start-up.
 */
final class ViewInstance {

    final CustomerTotals totals;
    final BookingClaims claims;
    final BookingsNotInvoicedProjection projection;

    ViewInstance(MongoTemplate mongo) {
        DocumentsById documents = new DocumentsById(mongo);
        totals = new CustomerTotals(mongo, documents);
        totals.afterSingletonsInstantiated();
        BookingRowStore rows = new BookingRowStore(mongo, documents, totals);
        ViewInputs inputs = new ViewInputs(mongo);
        claims = new BookingClaims(documents, rows, inputs);
        AppointmentStates states = new AppointmentStates(mongo, documents);
        projection = new BookingsNotInvoicedProjection(documents, rows, states, claims, new BookingRows(new Pricing()),
                inputs);
    }
}
