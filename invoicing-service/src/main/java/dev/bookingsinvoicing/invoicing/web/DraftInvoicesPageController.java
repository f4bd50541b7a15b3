package dev.bookingsinvoicing.invoicing.web;

import java.util.ArrayList;
import java.util.List;

import org.bson.Document;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;

import dev.bookingsinvoicing.invoicing.export.BusinessCentralExports;
import dev.bookingsinvoicing.invoicing.security.BusinessAccess;

/**
 * The draft invoices: the list, one invoice with its lines, and deleting a draft (its bookings return to the list).
 * A user limited to some businesses sees, and may delete, only drafts whose lines are all of their businesses.
 */
@Controller
public class DraftInvoicesPageController {

    static final int PAGE_SIZE = 50;

    private final MongoTemplate mongo;
    private final OperatorActions actions;
    private final OperatorCommands commands;
    private final BusinessCentralExports exports;

    public DraftInvoicesPageController(MongoTemplate mongo, OperatorActions actions, OperatorCommands commands,
            BusinessCentralExports exports) {
        this.mongo = mongo;
        this.actions = actions;
        this.commands = commands;
        this.exports = exports;
    }

    @GetMapping("/draft-invoices")
    public String list(BusinessAccess access, @RequestParam(defaultValue = "0") int page, Model model) {
        int p = Math.max(0, page);
        Criteria visible = access.invoices(new Criteria());
        long total = mongo.count(Query.query(visible), InvoiceView.COLLECTION);
        Query query = Query.query(visible).with(Sort.by(Sort.Direction.DESC, "createdAt").and(Sort.by("_id")))
                .skip((long) p * PAGE_SIZE).limit(PAGE_SIZE);
        List<InvoiceView> invoices = new ArrayList<>();
        mongo.find(query, Document.class, InvoiceView.COLLECTION).forEach(d -> invoices.add(InvoiceView.of(d)));
        model.addAttribute("invoices", invoices);
        model.addAttribute("exports", exports.of(invoices.stream().map(InvoiceView::id).toList()));
        model.addAttribute("page", p);
        model.addAttribute("total", total);
        model.addAttribute("totalPages", (int) ((total + PAGE_SIZE - 1) / PAGE_SIZE));
        return "operator/draft-invoices";
    }

    @GetMapping("/draft-invoices/{invoiceId}")
    public String invoice(BusinessAccess access, @PathVariable String invoiceId, Model model) {
        model.addAttribute("invoice", visible(access, invoiceId));
        model.addAttribute("token", OperatorActions.newToken());
        return "operator/draft-invoice";
    }

    @PostMapping("/draft-invoices/{invoiceId}/delete")
    public String delete(BusinessAccess access, @PathVariable String invoiceId,
            @RequestParam(required = false) String token) {
        visible(access, invoiceId);
        String by = access.user();
        OperatorAction action = actions.start(OperatorActions.actionId(token, "delete-draft", List.of(invoiceId)),
                "Delete draft invoice " + invoiceId, by, 1, 0, "/draft-invoices",
                i -> commandId -> commands.deleteDraft(commandId, by, invoiceId));
        return "redirect:/actions/" + action.id();
    }

    /** The draft invoice, or 404 if there is none or the user may not see it. */
    private InvoiceView visible(BusinessAccess access, String invoiceId) {
        Document stored = mongo.findById(invoiceId, Document.class, InvoiceView.COLLECTION);
        InvoiceView invoice = stored == null ? null : InvoiceView.of(stored);
        if (invoice == null || !invoice.visibleTo(access)) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, "No draft invoice " + invoiceId);
        }
        return invoice;
    }
}
