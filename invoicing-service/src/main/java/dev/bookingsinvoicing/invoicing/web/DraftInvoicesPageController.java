package dev.bookingsinvoicing.invoicing.web;

import java.util.ArrayList;
import java.util.List;

import org.bson.Document;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;

import dev.bookingsinvoicing.commands.DeleteDraftInvoice;

/** The draft invoices: the list, one invoice with its lines, and deleting a draft (its bookings return to the list). */
@Controller
public class DraftInvoicesPageController {

    static final int PAGE_SIZE = 50;

    private final MongoTemplate mongo;
    private final OperatorActions actions;

    public DraftInvoicesPageController(MongoTemplate mongo, OperatorActions actions) {
        this.mongo = mongo;
        this.actions = actions;
    }

    @GetMapping("/draft-invoices")
    public String list(@RequestParam(defaultValue = "0") int page, Model model) {
        int p = Math.max(0, page);
        long total = mongo.count(new Query(), InvoiceView.COLLECTION);
        Query query = new Query().with(Sort.by(Sort.Direction.DESC, "createdAt").and(Sort.by("_id")))
                .skip((long) p * PAGE_SIZE).limit(PAGE_SIZE);
        List<InvoiceView> invoices = new ArrayList<>();
        mongo.find(query, Document.class, InvoiceView.COLLECTION).forEach(d -> invoices.add(InvoiceView.of(d)));
        model.addAttribute("invoices", invoices);
        model.addAttribute("page", p);
        model.addAttribute("total", total);
        model.addAttribute("totalPages", (int) ((total + PAGE_SIZE - 1) / PAGE_SIZE));
        return "operator/draft-invoices";
    }

    @GetMapping("/draft-invoices/{invoiceId}")
    public String invoice(@PathVariable String invoiceId, Model model) {
        Document stored = mongo.findById(invoiceId, Document.class, InvoiceView.COLLECTION);
        if (stored == null) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, "No draft invoice " + invoiceId);
        }
        model.addAttribute("invoice", InvoiceView.of(stored));
        model.addAttribute("token", OperatorActions.newToken());
        return "operator/draft-invoice";
    }

    @PostMapping("/draft-invoices/{invoiceId}/delete")
    public String delete(@PathVariable String invoiceId, @RequestParam(required = false) String token,
            Authentication user) {
        String by = user.getName();
        OperatorAction action = actions.start(OperatorActions.actionId(token, "delete-draft", List.of(invoiceId)),
                "Delete draft invoice " + invoiceId, by, 1, 0, "/draft-invoices",
                i -> commandId -> DeleteDraftInvoice.newBuilder().setCommandId(commandId)
                        .setIssuedAt(java.time.Instant.now()).setIssuedBy(by).setInvoiceId(invoiceId).build());
        return "redirect:/actions/" + action.id();
    }
}
