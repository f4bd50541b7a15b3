package dev.bookingsinvoicing.invoicing.schedule;

import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import dev.bookingsinvoicing.invoicing.command.InvoiceGrouping;
import dev.bookingsinvoicing.invoicing.security.BusinessAccess;
import dev.bookingsinvoicing.invoicing.security.BusinessNotAllowedException;

/**
 * The businesses' billing schedules: list, read, create or change ({@code PUT}, OPERATOR), delete (OPERATOR), each
 * for the businesses the user may see and act on. A bad cron expression, time zone, scope or grouping is a 400
 * problem detail that says what is accepted.
 */
@RestController
public class BillingScheduleController {

    private final BillingScheduleStore schedules;
    private final Clock clock;

    public BillingScheduleController(BillingScheduleStore schedules, Clock clock) {
        this.schedules = schedules;
        this.clock = clock;
    }

    /**
     * What a PUT sends: {@code cron} (Spring's six fields, seconds first, or @daily...), {@code timeZone} (IANA id),
     * {@code scope}, {@code grouping} (absent: the service's default), {@code enabled} (absent: true).
     */
    public record ScheduleRequest(String cron, String timeZone, String scope, String grouping, Boolean enabled) {
    }

    @GetMapping("/api/billing-schedules")
    public List<ScheduleView> list(BusinessAccess access) {
        return schedules.views(access::allows, clock.instant());
    }

    @GetMapping("/api/businesses/{businessId}/billing-schedule")
    public ResponseEntity<ScheduleView> get(BusinessAccess access, @PathVariable String businessId) {
        access.check(businessId);
        return ResponseEntity.ofNullable(schedules.find(businessId).map(s -> ScheduleView.of(s, clock.instant()))
                .orElse(null));
    }

    @PutMapping("/api/businesses/{businessId}/billing-schedule")
    public ScheduleView put(BusinessAccess access, @PathVariable String businessId,
            @RequestBody ScheduleRequest request) {
        access.check(businessId);
        ScheduleSlots.of(request.cron(), request.timeZone());
        Instant now = clock.instant();
        BillingSchedule saved = schedules.save(businessId, request.cron().trim(), request.timeZone(),
                named(ScheduleScope.class, "scope", request.scope(), true),
                named(InvoiceGrouping.class, "grouping", request.grouping(), false),
                request.enabled() == null || request.enabled(), now, access.user());
        return ScheduleView.of(saved, now);
    }

    @DeleteMapping("/api/businesses/{businessId}/billing-schedule")
    public ResponseEntity<Void> delete(BusinessAccess access, @PathVariable String businessId) {
        access.check(businessId);
        return schedules.delete(businessId) ? ResponseEntity.noContent().build() : ResponseEntity.notFound().build();
    }

    /** An enum constant by its name (any case), null when absent and optional; else a clear refusal. */
    private static <E extends Enum<E>> E named(Class<E> type, String field, String value, boolean required) {
        String known = Arrays.stream(type.getEnumConstants()).map(Enum::name).collect(Collectors.joining(", "));
        if (value == null || value.isBlank()) {
            if (required) {
                throw new InvalidScheduleException(field + " is required (" + known + ")");
            }
            return null;
        }
        try {
            return Enum.valueOf(type, value.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
        } catch (IllegalArgumentException e) {
            throw new InvalidScheduleException(field + " '" + value + "' is not one of " + known, e);
        }
    }

    @ExceptionHandler(InvalidScheduleException.class)
    ProblemDetail badSchedule(InvalidScheduleException e) {
        return problem(HttpStatus.BAD_REQUEST, "Bad billing schedule", e.getMessage());
    }

    @ExceptionHandler(BusinessNotAllowedException.class)
    ProblemDetail notAllowed(BusinessNotAllowedException e) {
        return problem(HttpStatus.FORBIDDEN, "Business not allowed", e.getMessage());
    }

    private static ProblemDetail problem(HttpStatus status, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setTitle(title);
        return problem;
    }
}
