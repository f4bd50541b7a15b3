package dev.bookingsinvoicing.invoicing.quarantine;

import java.util.List;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import dev.bookingsinvoicing.invoicing.security.BusinessAccess;

/**
 * The Bookings records the sync could not use, of the user's businesses: not in the view until the sync reads them,
 * so a dashboard shows them next to it. Not paged: the list holds what needs a person's attention, a few records.
 */
@RestController
public class BookingsQuarantineController {

    private final BookingsQuarantine quarantine;

    public BookingsQuarantineController(BookingsQuarantine quarantine) {
        this.quarantine = quarantine;
    }

    @GetMapping("/api/bookings-quarantine")
    public List<QuarantinedRecord> list(BusinessAccess access) {
        return quarantine.list(access);
    }
}
