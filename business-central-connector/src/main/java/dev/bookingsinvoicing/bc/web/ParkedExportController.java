package dev.bookingsinvoicing.bc.web;

import java.util.List;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import dev.bookingsinvoicing.bc.export.ExportService;
import dev.bookingsinvoicing.bc.export.ParkedExports;

/** Invoices and credit notes Business Central refused: listed (READER, ADMIN) and retried once fixed there (ADMIN). */
@RestController
@RequestMapping("/api/parked-exports")
public class ParkedExportController {

    private final ParkedExports parked;
    private final ExportService exports;

    public ParkedExportController(ParkedExports parked, ExportService exports) {
        this.parked = parked;
        this.exports = exports;
    }

    @GetMapping
    public List<ParkedExports.Parked> list() {
        return parked.list();
    }

    /** 200 with Business Central's number once exported; 409 with its message while it still refuses; 404: not parked. */
    @PostMapping("/{invoiceId}/retry")
    public ResponseEntity<?> retry(@PathVariable String invoiceId) {
        return exports.retry(invoiceId).<ResponseEntity<?>>map(outcome -> {
            if (outcome instanceof ExportService.Outcome.Exported exported) {
                return ResponseEntity.ok(exported);
            }
            ProblemDetail refused = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT,
                    ((ExportService.Outcome.Parked) outcome).reason());
            refused.setTitle("Business Central still refuses " + invoiceId);
            return ResponseEntity.status(HttpStatus.CONFLICT).body(refused);
        }).orElseGet(() -> ResponseEntity.of(ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND,
                "no parked invoice or credit note " + invoiceId)).build());
    }
}
