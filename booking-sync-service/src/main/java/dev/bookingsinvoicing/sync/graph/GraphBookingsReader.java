package dev.bookingsinvoicing.sync.graph;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import com.microsoft.graph.core.tasks.PageIterator;
import com.microsoft.graph.models.BookingAppointment;
import com.microsoft.graph.models.BookingAppointmentCollectionResponse;
import com.microsoft.graph.models.BookingCustomer;
import com.microsoft.graph.models.BookingCustomerBase;
import com.microsoft.graph.models.BookingCustomerBaseCollectionResponse;
import com.microsoft.graph.models.BookingService;
import com.microsoft.graph.models.BookingServiceCollectionResponse;
import com.microsoft.graph.serviceclient.GraphServiceClient;
import com.microsoft.graph.solutions.bookingbusinesses.item.BookingBusinessItemRequestBuilder;
import com.microsoft.kiota.serialization.AdditionalDataHolder;
import com.microsoft.kiota.serialization.Parsable;
import com.microsoft.kiota.serialization.ParsableFactory;

import dev.bookingsinvoicing.sync.domain.BookingsData.BusinessSnapshot;
import dev.bookingsinvoicing.sync.domain.BookingsSource;

/** Reads one Bookings business through the Graph SDK, following every {@code @odata.nextLink}. */
@Component
public class GraphBookingsReader implements BookingsSource {

    private static final Logger log = LoggerFactory.getLogger(GraphBookingsReader.class);

    private final GraphServiceClient client;

    public GraphBookingsReader(GraphServiceClient client) {
        this.client = client;
    }

    @Override
    public BusinessSnapshot read(String businessId, Instant from, Instant to) {
        BookingBusinessItemRequestBuilder business = client.solutions().bookingBusinesses()
                .byBookingBusinessId(businessId);
        var info = GraphMapper.business(businessId, business.get());
        List<BookingService> services = all(business.services().get(),
                BookingServiceCollectionResponse::createFromDiscriminatorValue);
        List<BookingCustomerBase> customers = all(business.customers().get(),
                BookingCustomerBaseCollectionResponse::createFromDiscriminatorValue);
        List<BookingAppointment> appointments = all(business.calendarView().get(request -> {
            request.queryParameters.start = from.truncatedTo(ChronoUnit.SECONDS).toString();
            request.queryParameters.end = to.truncatedTo(ChronoUnit.SECONDS).toString();
        }), BookingAppointmentCollectionResponse::createFromDiscriminatorValue);
        customers.stream().filter(c -> !(c instanceof BookingCustomer)).findAny().ifPresent(c -> log.warn(
                "Bookings business {}: customer {} came without @odata.type bookingCustomer; skipped", businessId,
                c.getId()));
        return new BusinessSnapshot(info, services.stream().map(GraphMapper::service).toList(),
                customers.stream().filter(BookingCustomer.class::isInstance).map(BookingCustomer.class::cast)
                        .map(GraphMapper::customer).toList(),
                appointments.stream().map(GraphMapper::appointment).toList());
    }

    private <T extends Parsable, C extends Parsable & AdditionalDataHolder> List<T> all(C firstPage,
            ParsableFactory<C> pageFactory) {
        List<T> items = new ArrayList<>();
        try {
            new PageIterator.Builder<T, C>().client(client).collectionPage(firstPage)
                    .collectionPageFactory(pageFactory).processPageItemCallback(item -> items.add(item)).build()
                    .iterate();
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot page through a Graph collection", e);
        }
        return items;
    }
}
