package dev.bookingsinvoicing.invoicing.web;

import java.time.Clock;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

import dev.bookingsinvoicing.invoicing.schedule.BillingScheduleStore;
import dev.bookingsinvoicing.invoicing.security.BusinessAccess;

/**
 * The billing schedules of the user's businesses: when each runs, what it invoices, its next slot and its last run
 * with the command it sent (a link into the command history) and the missed slots it skipped. Schedules are set up
 * over the REST API; the page only shows them.
 */
@Controller
public class BillingSchedulesPageController {

    private final BillingScheduleStore schedules;
    private final Clock clock;

    public BillingSchedulesPageController(BillingScheduleStore schedules, Clock clock) {
        this.schedules = schedules;
        this.clock = clock;
    }

    @GetMapping("/billing-schedules")
    public String list(BusinessAccess access, Model model) {
        model.addAttribute("schedules", schedules.views(access::allows, clock.instant()));
        return "operator/billing-schedules";
    }
}
