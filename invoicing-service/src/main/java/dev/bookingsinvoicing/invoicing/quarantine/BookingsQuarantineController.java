package dev.bookingsinvoicing.invoicing.quarantine;

import java.util.List;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import dev.bookingsinvoicing.invoicing.security.BusinessAccess;

/**
 * The Bookings records of the user's businesses the sync could not use, for a dashboard to show next to the view.
 * Not paged: the list holds what awaits a person's attention, a few records.
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
