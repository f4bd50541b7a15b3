package dev.bookingsinvoicing.invoicing.api;

import java.util.Locale;

import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import dev.bookingsinvoicing.invoicing.correction.Correction;
import dev.bookingsinvoicing.invoicing.correction.CorrectionStore;
import dev.bookingsinvoicing.invoicing.security.BusinessAccess;

/**
 * Corrections of invoiced bookings (cancelled, or changed after they were invoiced), newest first: paged, filterable
 * by status (OPEN, CREDITED, ACCEPTED, RESOLVED_BY_DELETE, SUPERSEDED), business and customer no. A user sees the
 * corrections of the businesses they may see.
 */
@RestController
@RequestMapping("/api/corrections")
public class CorrectionsController {

    private final CorrectionStore corrections;

    public CorrectionsController(CorrectionStore corrections) {
        this.corrections = corrections;
    }

    @GetMapping
    public PageResponse<Correction> list(BusinessAccess access, @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "50") int size, @RequestParam(required = false) String status,
            @RequestParam(required = false) String businessId, @RequestParam(required = false) String customerNo) {
        Paging.check(page, size);
        Criteria criteria = new Criteria();
        if (status != null && !status.isBlank()) {
            criteria = criteria.and("status").is(status(status));
        }
        if (businessId != null && !businessId.isBlank()) {
            access.check(businessId);
            criteria = criteria.and("businessId").is(businessId);
        }
        if (customerNo != null && !customerNo.isBlank()) {
            criteria = criteria.and("customerNo").is(customerNo);
        }
        criteria = access.rows(criteria);
        return PageResponse.of(corrections.page(criteria, page, size), page, size, corrections.count(criteria));
    }

    @GetMapping("/{correctionId}")
    public ResponseEntity<Correction> get(BusinessAccess access, @PathVariable String correctionId) {
        return ResponseEntity.ofNullable(corrections.find(correctionId).filter(c -> access.allows(c.businessId()))
                .orElse(null));
    }

    private static Correction.Status status(String status) {
        try {
            return Correction.Status.valueOf(status.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException unknown) {
            throw new BadQueryException("status must be one of OPEN, CREDITED, ACCEPTED, RESOLVED_BY_DELETE, "
                    + "SUPERSEDED, not " + status);
        }
    }
}
