package dev.bookingsinvoicing.invoicing.web;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.bson.Document;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import dev.bookingsinvoicing.invoicing.command.CommandResultStore;
import dev.bookingsinvoicing.invoicing.security.BusinessAccess;
import dev.bookingsinvoicing.invoicing.store.StoredPage;

/**
 * The result of an action sent from the page (following it until every command has answered, with progress for
 * large runs, pushed to the page over server-sent events by {@link ActionStreams}) and the command history: every
 * stored command result, whoever sent it (page, CLI, another service), filtered by kind, outcome, who asked and day,
 * paged like the bookings. A user limited to some businesses sees their own actions, and the commands they sent or
 * that name only their businesses; anything else answers 404, as if it did not exist.
 */
@Controller
public class ResultsPageController {

    private final OperatorActions actions;
    private final ActionStreams streams;
    private final CommandResultStore results;
    private final MongoTemplate mongo;

    public ResultsPageController(OperatorActions actions, ActionStreams streams, CommandResultStore results,
            MongoTemplate mongo) {
        this.actions = actions;
        this.streams = streams;
        this.results = results;
        this.mongo = mongo;
    }

    @GetMapping("/actions/{actionId}")
    public String action(BusinessAccess access, @PathVariable String actionId, Model model) {
        OperatorAction action = actions.find(actionId);
        if (action == null) {
            return "redirect:/commands/" + actionId;
        }
        ActionStatus status = actions.status(visible(access, action, actionId));
        model.addAttribute("action", action);
        model.addAttribute("status", status);
        model.addAttribute("outcomes", status.done());
        model.addAttribute("pending", status.pending());
        model.addAttribute("progress", status.progress());
        model.addAttribute("invoices", actions.invoices(access, status.done().stream()
                .flatMap(o -> o.invoiceIds().stream()).toList()));
        model.addAttribute("summary", Summary.of(status.done()));
        return "operator/action";
    }

    /** The action's progress, pushed to its result page while its commands run (server-sent events). */
    @GetMapping(path = "/actions/{actionId}/progress", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    public SseEmitter progress(BusinessAccess access, @PathVariable String actionId) {
        return streams.follow(visible(access, actions.find(actionId), actionId));
    }

    /** The action, or 404 if there is none or the user may not see it (another user's, for a limited user). */
    private static OperatorAction visible(BusinessAccess access, OperatorAction action, String actionId) {
        if (action == null || !access.everyBusiness() && !access.user().equals(action.issuedBy())) {
            throw notFound("No action " + actionId);
        }
        return action;
    }

    @GetMapping("/commands")
    public String history(BusinessAccess access, CommandFilter filter, Model model) {
        StoredPage page = results.newestFirst(access.commands(filter.criteria()), filter.offset(), filter.size());
        model.addAttribute("filter", filter);
        model.addAttribute("commands", page.documents().stream().map(CommandOutcome::of).toList());
        model.addAttribute("total", page.total());
        model.addAttribute("totalPages", Paging.pages(page.total(), filter.size()));
        model.addAttribute("pageSizes", Paging.SIZES);
        model.addAttribute("kinds", CommandOutcome.KINDS);
        model.addAttribute("outcomeChoices", CommandFilter.OUTCOMES);
        return "operator/commands";
    }

    @GetMapping("/commands/{commandId}")
    public String command(BusinessAccess access, @PathVariable String commandId, Model model) {
        Document stored = mongo.findById(commandId, Document.class, CommandOutcome.COLLECTION);
        CommandOutcome outcome = stored == null ? null : CommandOutcome.of(stored);
        if (outcome == null || !access.seesCommand(outcome.issuedBy(), outcome.businessIds())) {
            throw notFound("No result for command " + commandId + " (yet)");
        }
        model.addAttribute("outcome", outcome);
        model.addAttribute("invoices", actions.invoices(access, outcome.invoiceIds()));
        return "operator/command";
    }

    private static ResponseStatusException notFound(String message) {
        return new ResponseStatusException(HttpStatus.NOT_FOUND, message);
    }

    /**
     * What the commands of an action did, added up; "changed" counts what non-invoicing commands acted on; for a
     * preview, the invoices and bookings it would invoice, with the totals per currency.
     */
    public record Summary(int invoices, int bookingsInvoiced, int bookingsChanged, int skipped, int rejected,
            boolean invoicing, boolean preview, Map<String, BigDecimal> previewTotals) {

        static Summary of(List<CommandOutcome> outcomes) {
            int invoices = 0, invoiced = 0, changed = 0, skipped = 0, rejected = 0;
            boolean invoicing = false, preview = false;
            Map<String, BigDecimal> totals = new TreeMap<>();
            for (CommandOutcome o : outcomes) {
                invoicing |= o.invoicing();
                preview |= o.preview();
                o.previewTotals().forEach(t -> totals.merge(t.currency(), t.total(), BigDecimal::add));
                invoices += o.invoiceIds().size() + o.previewedInvoices();
                invoiced += o.previewedBookings();
                if (o.invoicing()) {
                    invoiced += o.bookingsInvoiced();
                } else {
                    changed += o.bookingIds().isEmpty() ? o.bookingsInvoiced() : o.bookingIds().size();
                }
                // a rejection's bookings are those that made it refused, shown with it, not skipped
                skipped += o.rejected() ? 0 : o.skipped().size();
                rejected += o.rejected() ? 1 : 0;
            }
            return new Summary(invoices, invoiced, changed, skipped, rejected, invoicing, preview, totals);
        }
    }
}
