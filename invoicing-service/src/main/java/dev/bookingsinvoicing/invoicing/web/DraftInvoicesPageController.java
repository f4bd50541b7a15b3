package dev.bookingsinvoicing.invoicing.web;

import java.util.List;

import org.bson.Document;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;

import dev.bookingsinvoicing.invoicing.command.DraftInvoiceStore;
import dev.bookingsinvoicing.invoicing.export.BusinessCentralExports;
import dev.bookingsinvoicing.invoicing.security.BusinessAccess;
import dev.bookingsinvoicing.invoicing.store.StoredPage;

/**
 * The draft invoices: the list (filtered by customer, business, currency and creation day, paged like the bookings),
 * one invoice with its lines, and deleting a draft (its bookings return to the list).
 * A user limited to some businesses sees, and may delete, only drafts whose lines are all of their businesses.
 */
@Controller
public class DraftInvoicesPageController {

    private final MongoTemplate mongo;
    private final DraftInvoiceStore invoices;
    private final BookingSearch search;
    private final OperatorActions actions;
    private final OperatorCommands commands;
    private final BusinessCentralExports exports;

    public DraftInvoicesPageController(MongoTemplate mongo, DraftInvoiceStore invoices, BookingSearch search,
            OperatorActions actions, OperatorCommands commands, BusinessCentralExports exports) {
        this.mongo = mongo;
        this.invoices = invoices;
        this.search = search;
        this.actions = actions;
        this.commands = commands;
        this.exports = exports;
    }

    @GetMapping("/draft-invoices")
    public String list(BusinessAccess access, DraftInvoiceFilter filter, Model model) {
        access.check(filter.businessId());
        StoredPage page = invoices.newestFirst(access.invoices(filter.criteria()), filter.offset(), filter.size());
        model.addAttribute("filter", filter);
        List<InvoiceView> views = page.documents().stream().map(InvoiceView::of).toList();
        model.addAttribute("invoices", views);
        model.addAttribute("exports", exports.of(views.stream().map(InvoiceView::id).toList()));
        model.addAttribute("total", page.total());
        model.addAttribute("totalPages", Paging.pages(page.total(), filter.size()));
        model.addAttribute("pageSizes", Paging.SIZES);
        model.addAttribute("businesses", search.businesses(access));
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
