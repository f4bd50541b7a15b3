package dev.bookingsinvoicing.sync.domain;

import java.time.Instant;
import java.util.function.Consumer;

import dev.bookingsinvoicing.sync.domain.BookingsData.AppointmentData;
import dev.bookingsinvoicing.sync.domain.BookingsData.BusinessInfo;
import dev.bookingsinvoicing.sync.domain.BookingsData.CustomerData;
import dev.bookingsinvoicing.sync.domain.BookingsData.Page;
import dev.bookingsinvoicing.sync.domain.BookingsData.ServiceData;

/** Where a sync run reads a Bookings business from (Graph in production). */
public interface BookingsSource {

    /** Starts reading one business for one run; retries and their waiting are bounded per reader. */
    BusinessReader open(String businessId);

    /** Reads one business within one run. */
    interface BusinessReader {

        /** The business; read first: its time zone dates the appointments Graph writes in UTC. */
        BusinessInfo business();

        /** Every service, all pages. */
        Page<ServiceData> services();

        /** Every customer, all pages. */
        Page<CustomerData> customers();

        /** The appointments overlapping [from, to), handed over one page at a time as they arrive. */
        void calendarView(Instant from, Instant to, Consumer<Page<AppointmentData>> onPage);

        /** Requests retried so far (throttling, 503/504, timeouts). */
        int retries();

        /** Time spent waiting before retries so far. */
        java.time.Duration retryWait();
    }
}
