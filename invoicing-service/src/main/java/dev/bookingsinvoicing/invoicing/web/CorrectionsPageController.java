package dev.bookingsinvoicing.invoicing.web;

import java.util.List;
import java.util.Locale;

import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;

import dev.bookingsinvoicing.invoicing.correction.Correction;
import dev.bookingsinvoicing.invoicing.correction.CorrectionStore;
import dev.bookingsinvoicing.invoicing.security.BusinessAccess;

/**
 * The open corrections of invoiced bookings (cancelled, or changed after they were invoiced), each with "Credit" and
 * "Accept": each sends a ResolveCorrection and follows it on the action page, like every operator action.
 */
@Controller
public class CorrectionsPageController {

    static final int PAGE_SIZE = 50;

    private final CorrectionStore corrections;
    private final OperatorActions actions;
    private final OperatorCommands commands;

    public CorrectionsPageController(CorrectionStore corrections, OperatorActions actions, OperatorCommands commands) {
        this.corrections = corrections;
        this.actions = actions;
        this.commands = commands;
    }

    @GetMapping("/corrections")
    public String list(BusinessAccess access, @RequestParam(defaultValue = "0") int page, Model model) {
        int p = Math.max(0, page);
        Criteria open = access.rows(Criteria.where("status").is(Correction.Status.OPEN));
        long total = corrections.count(open);
        model.addAttribute("corrections", corrections.page(open, p, PAGE_SIZE));
        model.addAttribute("page", p);
        model.addAttribute("total", total);
        model.addAttribute("totalPages", (int) ((total + PAGE_SIZE - 1) / PAGE_SIZE));
        model.addAttribute("token", OperatorActions.newToken());
        return "operator/corrections";
    }

    @PostMapping("/corrections/{correctionId}/{resolution:credit|accept}")
    public String resolve(BusinessAccess access, @PathVariable String correctionId, @PathVariable String resolution,
            @RequestParam(required = false) String token) {
        Correction correction = corrections.find(correctionId).filter(c -> access.allows(c.businessId()))
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "No correction " + correctionId));
        String by = access.user();
        String upper = resolution.toUpperCase(Locale.ROOT);
        OperatorAction action = actions.start(OperatorActions.actionId(token, "correction-" + resolution,
                List.of(correction.id())), (upper.equals("CREDIT") ? "Credit" : "Accept") + " correction of booking "
                        + correction.bookingId() + " on " + correction.invoiceId(), by, 1, 0, "/corrections",
                i -> commandId -> commands.resolveCorrection(commandId, by, correction.id(), upper));
        return "redirect:/actions/" + action.id();
    }
}
