package dev.bookingsinvoicing.sync.graph;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

import org.springframework.stereotype.Component;

import com.microsoft.graph.models.BookingAppointment;
import com.microsoft.graph.models.BookingAppointmentCollectionResponse;
import com.microsoft.graph.models.BookingCustomer;
import com.microsoft.graph.models.BookingCustomerBase;
import com.microsoft.graph.models.BookingCustomerBaseCollectionResponse;
import com.microsoft.graph.models.BookingService;
import com.microsoft.graph.models.BookingServiceCollectionResponse;
import com.microsoft.graph.serviceclient.GraphServiceClient;
import com.microsoft.graph.solutions.bookingbusinesses.item.BookingBusinessItemRequestBuilder;

import dev.bookingsinvoicing.sync.config.BookingSyncProperties;
import dev.bookingsinvoicing.sync.domain.BookingsData.AppointmentData;
import dev.bookingsinvoicing.sync.domain.BookingsData.BusinessInfo;
import dev.bookingsinvoicing.sync.domain.BookingsData.CustomerData;
import dev.bookingsinvoicing.sync.domain.BookingsData.Page;
import dev.bookingsinvoicing.sync.domain.BookingsData.Rejection;
import dev.bookingsinvoicing.sync.domain.BookingsData.ServiceData;
import dev.bookingsinvoicing.sync.domain.BookingsSource;
import dev.bookingsinvoicing.sync.domain.SyncEvents.Kind;
import dev.bookingsinvoicing.sync.observability.SyncMetrics;
import dev.bookingsinvoicing.sync.run.RunControl;

/**
 * Reads Bookings businesses through the Graph SDK: follows every {@code @odata.nextLink} itself so that each page
 * fetch is retried on its own ({@link GraphRetry}) and appointments are handed over page by page; an item that
 * cannot be mapped is rejected with its reason instead of failing the page.
 */
@Component
public class GraphBookingsReader implements BookingsSource {

    private final GraphServiceClient client;
    private final BookingSyncProperties properties;
    private final Clock clock;
    private final SyncMetrics metrics;
    private final RunControl control;

    public GraphBookingsReader(GraphServiceClient client, BookingSyncProperties properties, Clock clock,
            SyncMetrics metrics, RunControl control) {
        this.client = client;
        this.properties = properties;
        this.clock = clock;
        this.metrics = metrics;
        this.control = control;
    }

    @Override
    public BusinessReader open(String businessId) {
        GraphRetry retry = new GraphRetry(properties.graph(), clock, control::sleep, new GraphRetry.Listener() {
            @Override
            public void retrying(int status, java.time.Duration wait) {
                metrics.retried(businessId, GraphRetry.tag(status), wait);
            }

            @Override
            public void requested(String outcome) {
                metrics.graphRequest(businessId, outcome);
            }
        });
        return new Session(businessId, client.solutions().bookingBusinesses().byBookingBusinessId(businessId), retry);
    }

    private final class Session implements BusinessReader {

        private final String businessId;
        private final BookingBusinessItemRequestBuilder business;
        private final GraphRetry retry;
        private String businessZone;

        Session(String businessId, BookingBusinessItemRequestBuilder business, GraphRetry retry) {
            this.businessId = businessId;
            this.business = business;
            this.retry = retry;
        }

        @Override
        public BusinessInfo business() {
            BusinessInfo info = GraphMapper.business(businessId,
                    retry.call("GET business " + businessId, business::get));
            businessZone = info.timeZone();
            return info;
        }

        @Override
        public Page<ServiceData> services() {
            List<ServiceData> items = new ArrayList<>();
            List<Rejection> rejected = new ArrayList<>();
            pages("services", Kind.SERVICE, business.services()::get, url -> business.services().withUrl(url).get(),
                    BookingServiceCollectionResponse::getValue, BookingServiceCollectionResponse::getOdataNextLink,
                    (BookingService s) -> GraphMapper.service(s), BookingService::getId, page -> {
                        items.addAll(page.items());
                        rejected.addAll(page.rejected());
                    });
            return new Page<>(items, rejected);
        }

        @Override
        public Page<CustomerData> customers() {
            List<CustomerData> items = new ArrayList<>();
            List<Rejection> rejected = new ArrayList<>();
            pages("customers", Kind.CUSTOMER, business.customers()::get,
                    url -> business.customers().withUrl(url).get(),
                    BookingCustomerBaseCollectionResponse::getValue,
                    BookingCustomerBaseCollectionResponse::getOdataNextLink, (BookingCustomerBase c) -> {
                        if (!(c instanceof BookingCustomer customer)) {
                            throw new IllegalArgumentException("not a bookingCustomer (no @odata.type)");
                        }
                        return GraphMapper.customer(customer);
                    }, BookingCustomerBase::getId, page -> {
                        items.addAll(page.items());
                        rejected.addAll(page.rejected());
                    });
            return new Page<>(items, rejected);
        }

        @Override
        public void calendarView(Instant from, Instant to, Consumer<Page<AppointmentData>> onPage) {
            String start = from.truncatedTo(ChronoUnit.SECONDS).toString();
            String end = to.truncatedTo(ChronoUnit.SECONDS).toString();
            pages("calendarView", Kind.APPOINTMENT, () -> business.calendarView().get(request -> {
                request.queryParameters.start = start;
                request.queryParameters.end = end;
            }), url -> business.calendarView().withUrl(url).get(), BookingAppointmentCollectionResponse::getValue,
                    BookingAppointmentCollectionResponse::getOdataNextLink,
                    (BookingAppointment a) -> GraphMapper.appointment(a, businessZone), BookingAppointment::getId,
                    onPage);
        }

        @Override
        public int retries() {
            return retry.retries();
        }

        @Override
        public java.time.Duration retryWait() {
            return retry.waited();
        }

        private <R, G, T> void pages(String endpoint, Kind kind, Supplier<R> first, Function<String, R> next,
                Function<R, List<G>> value, Function<R, String> nextLink, Function<G, T> map, Function<G, String> id,
                Consumer<Page<T>> onPage) {
            String what = "GET " + endpoint + " of " + businessId;
            R page = retry.call(what, first);
            while (page != null) {
                metrics.pageFetched(businessId, endpoint);
                List<T> items = new ArrayList<>();
                List<Rejection> rejected = new ArrayList<>();
                for (G item : value.apply(page) == null ? List.<G>of() : value.apply(page)) {
                    try {
                        items.add(map.apply(item));
                    } catch (RuntimeException e) {
                        // one bad item must not stop the others: it is reported, and retried when it changes
                        rejected.add(new Rejection(kind, id.apply(item), String.valueOf(e.getMessage())));
                    }
                }
                onPage.accept(new Page<>(items, rejected));
                String link = nextLink.apply(page);
                page = link == null ? null : retry.call(what + " (next page)", () -> next.apply(link));
            }
        }
    }
}
