package dev.bookingsinvoicing.invoicing.web;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import dev.bookingsinvoicing.invoicing.InvoicingProperties;
import dev.bookingsinvoicing.invoicing.command.InvoiceGrouping;
import dev.bookingsinvoicing.invoicing.quarantine.BookingsQuarantine;
import dev.bookingsinvoicing.invoicing.security.BusinessAccess;
import dev.bookingsinvoicing.invoicing.security.BusinessNotAllowedException;
import dev.bookingsinvoicing.invoicing.view.BookingRow;
import dev.bookingsinvoicing.invoicing.view.BookingStatus;
import dev.bookingsinvoicing.schemas.DecimalFields;

/**
 * The "Bookings Not Invoiced" page: the list with filters, sort, paging and totals, and its actions (Business
 * Central page 1638), each sent as a command on {@code invoicing.commands}; the operator is then taken to the
 * action's result page, which follows the commands until their results arrive. The invoicing actions are sent as
 * previews first: their result page lists the invoices they would create, and its "Confirm" posts the same form
 * again with {@code confirmed}, under the preview's action id as token, so a confirmation sent twice sends the same
 * commands and the service invoices once. The list and every command it sends
 * hold only bookings of the user's businesses; above the list, the Bookings records of those businesses the sync
 * could not use ({@code operator/quarantine.html}).
 */
@Controller
public class BookingsPageController {

    private final BookingSearch search;
    private final OperatorActions actions;
    private final OperatorCommands commands;
    private final int maxSelection;
    private final BookingsQuarantine quarantine;

    public BookingsPageController(BookingSearch search, OperatorActions actions, OperatorCommands commands,
            InvoicingProperties properties, BookingsQuarantine quarantine) {
        this.search = search;
        this.actions = actions;
        this.commands = commands;
        this.maxSelection = properties.maxSelection();
        this.quarantine = quarantine;
    }

    @GetMapping("/")
    public String home() {
        return "redirect:/bookings";
    }

    @GetMapping("/login")
    public String login() {
        return "operator/login";
    }

    @GetMapping("/bookings")
    public String list(BusinessAccess access, BookingFilterForm form, Model model) {
        BookingFilter filter = form.filter();
        access.check(filter.businessId());
        List<BookingRow> rows = search.page(access, filter);
        BookingSearch.Totals totals = search.totals(access, filter);
        model.addAttribute("filter", filter);
        model.addAttribute("rows", rows);
        model.addAttribute("totals", totals);
        model.addAttribute("totalPages", (int) ((totals.bookings() + filter.size() - 1) / filter.size()));
        model.addAttribute("statuses", BookingStatus.values());
        model.addAttribute("pageSizes", BookingFilter.PAGE_SIZES);
        model.addAttribute("businesses", search.businesses(access));
        model.addAttribute("scope", filter.scopeDescription(access.everyBusiness()));
        model.addAttribute("token", OperatorActions.newToken());
        model.addAttribute("quarantined", quarantine.list(access));
        return "operator/bookings";
    }

    @PostMapping("/bookings/actions")
    public String act(BusinessAccess access, BookingFilterForm form, @RequestParam String action,
            @RequestParam(required = false) String token,
            @RequestParam(required = false) List<String> bookingIds,
            @RequestParam(defaultValue = "false") boolean allMatching,
            @RequestParam(required = false) String reason,
            @RequestParam(required = false) String customerNo,
            @RequestParam(required = false) String customerName,
            @RequestParam(required = false) String unitPrice,
            @RequestParam(required = false) String quantity,
            @RequestParam(defaultValue = "false") boolean confirmed,
            @RequestParam(required = false) InvoiceGrouping grouping,
            RedirectAttributes redirect) {
        BookingFilter filter = form.filter();
        String back = "redirect:/bookings" + filter.query();
        String returnTo = "/bookings" + filter.query();
        String by = access.user();
        List<String> picked = bookingIds == null ? List.of() : List.copyOf(new LinkedHashSet<>(bookingIds));
        Invoicing how = new Invoicing(token, !confirmed, grouping, new OperatorAction.Confirmation(action, picked,
                allMatching, filter.query() + (grouping == null ? "" : "&grouping=" + grouping.name())));
        try {
            access.check(filter.businessId());
            access.checkBookings(picked);
            OperatorAction started = switch (action) {
                case "invoice-selected" -> invoiceSelected(how, by, selection(access, filter, picked, allMatching,
                        BookingStatus.READY), returnTo);
                case "invoice-customer" -> invoiceCustomer(how, access, filter, picked, returnTo);
                case "invoice-all" -> invoiceAll(how, access, filter, returnTo);
                case "mark-invoiced" -> markInvoiced(token, by, selection(access, filter, picked, allMatching, null),
                        reason, returnTo);
                case "associate-customer" -> associate(token, by, selection(access, filter, picked, allMatching,
                        BookingStatus.UNMATCHED_CUSTOMER), customerNo, customerName, returnTo);
                case "set-price" -> setPrice(token, by, selection(access, filter, picked, allMatching,
                        BookingStatus.NEEDS_PRICE), unitPrice, quantity, returnTo);
                default -> throw new RefusedAction("Unknown action " + action);
            };
            return "redirect:/actions/" + started.id();
        } catch (RefusedAction | BusinessNotAllowedException refused) {
            redirect.addFlashAttribute("error", refused.getMessage());
            return back;
        }
    }

    private List<String> selection(BusinessAccess access, BookingFilter filter, List<String> picked,
            boolean allMatching, BookingStatus onlyStatus) {
        List<String> ids = allMatching ? search.idsMatching(access, filter, onlyStatus) : picked;
        if (ids.isEmpty()) {
            throw new RefusedAction(allMatching
                    ? "No booking matching the filter can take this action."
                    : "Select at least one booking first.");
        }
        return ids;
    }

    private OperatorAction invoiceSelected(Invoicing how, String by, List<String> ids, String returnTo) {
        List<List<String>> chunks = chunks(ids);
        String title = "Invoice selected: " + ids.size() + (ids.size() == 1 ? " booking" : " bookings");
        return actions.start(how.actionId("invoice-selected", ids), how.title(title), by, chunks.size(),
                ids.size(), returnTo, how.confirmation(),
                i -> commandId -> commands.invoiceSelected(commandId, by, chunks.get(i), how.preview(),
                        how.grouping()));
    }

    private OperatorAction invoiceCustomer(Invoicing how, BusinessAccess access, BookingFilter filter,
            List<String> picked, String returnTo) {
        Set<String> customers = new LinkedHashSet<>();
        search.byIds(picked.size() > 1000 ? picked.subList(0, 1000) : picked).stream()
                .map(BookingRow::customerNo).filter(c -> c != null).forEach(customers::add);
        if (customers.isEmpty() && filter.customer() != null && search.hasRowsOf(access, filter.customer())) {
            customers.add(filter.customer());
        }
        if (customers.size() != 1) {
            throw new RefusedAction(customers.isEmpty()
                    ? "Select a booking of a matched customer (or filter by a customer no.) to invoice all of that customer's bookings."
                    : "The selected bookings belong to " + customers.size()
                            + " customers: select bookings of one customer.");
        }
        String customerNo = customers.iterator().next();
        Criteria ready = Criteria.where("customerNo").is(customerNo).and("status").is(BookingStatus.READY);
        String scope = filter.scopeDescription(access.everyBusiness());
        List<String> businesses = commandBusinesses(access, filter, ready);
        return actions.start(how.actionId("invoice-customer", List.of(customerNo, scope)),
                how.title("Invoice all for customer " + customerNo + " (" + scope + ")"), access.user(),
                businesses.size(), search.readyCount(access, ready, filter.businessId(), filter), returnTo,
                how.confirmation(), i -> commandId -> commands.invoiceAll(commandId, access.user(), customerNo,
                        businesses.get(i), filter, how.preview(), how.grouping()));
    }

    private OperatorAction invoiceAll(Invoicing how, BusinessAccess access, BookingFilter filter, String returnTo) {
        Criteria ready = Criteria.where("status").is(BookingStatus.READY);
        String scope = filter.scopeDescription(access.everyBusiness());
        List<String> businesses = commandBusinesses(access, filter, ready);
        return actions.start(how.actionId("invoice-all", List.of(scope)),
                how.title("Invoice all ready bookings (" + scope + ")"), access.user(), businesses.size(),
                search.readyCount(access, ready, filter.businessId(), filter), returnTo, how.confirmation(),
                i -> commandId -> commands.invoiceAll(commandId, access.user(), null, businesses.get(i), filter,
                        how.preview(), how.grouping()));
    }

    /**
     * The business each command of an "invoice all" action is narrowed to: the filter's business; none (null) for a
     * user who sees every business; else, since a command names at most one business, one command for each of the
     * user's businesses that has ready bookings in scope.
     */
    private List<String> commandBusinesses(BusinessAccess access, BookingFilter filter, Criteria ready) {
        if (filter.businessId() != null || access.everyBusiness()) {
            return Collections.singletonList(filter.businessId());
        }
        List<String> withReady = access.businesses().stream()
                .filter(business -> search.readyCount(access, ready, business, filter) > 0).toList();
        if (withReady.isEmpty()) {
            throw new RefusedAction("No ready booking to invoice in " + filter.scopeDescription(false) + ".");
        }
        return withReady;
    }

    private OperatorAction markInvoiced(String token, String by, List<String> ids, String reason, String returnTo) {
        String why = BookingFilter.blankToNull(reason);
        if (why == null) {
            throw new RefusedAction("Give a reason for marking bookings as invoiced without an invoice.");
        }
        List<List<String>> chunks = chunks(ids);
        return actions.start(OperatorActions.actionId(token, "mark-invoiced", concat(ids, why)),
                "Mark as invoiced: " + ids.size() + (ids.size() == 1 ? " booking" : " bookings") + " (" + why + ")",
                by, chunks.size(), ids.size(), returnTo,
                i -> commandId -> commands.markInvoiced(commandId, by, chunks.get(i), why));
    }

    private OperatorAction associate(String token, String by, List<String> ids, String customerNo,
            String customerName, String returnTo) {
        String no = BookingFilter.blankToNull(customerNo);
        if (no == null) {
            throw new RefusedAction("Give the customer no. to associate the Bookings customer with.");
        }
        // one command per Bookings customer among the selected unmatched bookings
        Map<String, BookingRow> customers = new LinkedHashMap<>();
        search.byIds(ids).stream().filter(r -> r.status() == BookingStatus.UNMATCHED_CUSTOMER)
                .forEach(r -> customers.putIfAbsent(r.businessId() + "/" + r.bookingsCustomerId(), r));
        if (customers.isEmpty()) {
            throw new RefusedAction("None of the selected bookings has an unmatched customer.");
        }
        List<BookingRow> who = new ArrayList<>(customers.values());
        String name = BookingFilter.blankToNull(customerName);
        return actions.start(OperatorActions.actionId(token, "associate-customer",
                concat(new ArrayList<>(customers.keySet()), no + "|" + name)),
                "Associate " + who.size() + " Bookings customer" + (who.size() == 1 ? "" : "s") + " with " + no, by,
                who.size(), ids.size(), returnTo, i -> commandId -> commands.associate(commandId, by,
                        who.get(i).businessId(), who.get(i).bookingsCustomerId(), no, name));
    }

    private OperatorAction setPrice(String token, String by, List<String> ids, String unitPrice, String quantity,
            String returnTo) {
        BigDecimal price = decimal(unitPrice, "unit price");
        if (price == null) {
            throw new RefusedAction("Give the unit price.");
        }
        BigDecimal qty = decimal(quantity, "quantity");
        List<List<String>> chunks = chunks(ids);
        return actions.start(OperatorActions.actionId(token, "set-price", concat(ids, price + "|" + qty)),
                "Set price " + price.toPlainString() + (qty == null ? "" : " x " + qty.stripTrailingZeros()
                        .toPlainString()) + " on " + ids.size() + (ids.size() == 1 ? " booking" : " bookings"),
                by, chunks.size(), ids.size(), returnTo,
                i -> commandId -> commands.setPrice(commandId, by, chunks.get(i), price, qty));
    }

    /** A selection larger than bookings.invoicing.max-selection travels as several commands. */
    private List<List<String>> chunks(List<String> ids) {
        List<List<String>> chunks = new ArrayList<>();
        for (int from = 0; from < ids.size(); from += maxSelection) {
            chunks.add(ids.subList(from, Math.min(ids.size(), from + maxSelection)));
        }
        return chunks;
    }

    /** A number as typed (comma or point), not negative, with at most 5 decimals: never rounded without a word. */
    private static BigDecimal decimal(String text, String what) {
        String value = BookingFilter.blankToNull(text);
        if (value == null) {
            return null;
        }
        try {
            BigDecimal d = new BigDecimal(value.replace(',', '.'));
            if (d.signum() < 0) {
                throw new RefusedAction("The " + what + " cannot be negative.");
            }
            if (d.stripTrailingZeros().scale() > DecimalFields.EXACT_SCALE) {
                throw new RefusedAction("The " + what + " may have at most " + DecimalFields.EXACT_SCALE
                        + " decimals.");
            }
            return d;
        } catch (NumberFormatException e) {
            throw new RefusedAction("The " + what + " must be a number, like 45.00.");
        }
    }

    private static List<String> concat(List<String> ids, String extra) {
        List<String> all = new ArrayList<>(ids);
        all.add(extra);
        return all;
    }

    /** The list's filter as it arrives in the query string (or as hidden fields of the action form). */
    public record BookingFilterForm(String businessId, String customer, BookingStatus status,
            @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
            @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to, String sort, String dir, Integer page,
            Integer size) {

        BookingFilter filter() {
            return new BookingFilter(businessId, customer, status, from, to, sort, dir, page == null ? 0 : page,
                    size == null ? 50 : size);
        }
    }

    /**
     * How an invoicing action is sent: as a preview (its own action ids, "Preview: " in the title, the form kept to
     * confirm it) unless {@code preview} is false, the confirmation; grouped as chosen ({@code grouping}, null: the
     * service's default), which its action ids, its title and its confirmation keep.
     */
    private record Invoicing(String token, boolean preview, InvoiceGrouping grouping,
            OperatorAction.Confirmation form) {

        String actionId(String what, List<String> parts) {
            String grouped = grouping == null ? what : what + "-" + grouping.name();
            return OperatorActions.actionId(token, preview ? grouped + "-preview" : grouped, parts);
        }

        String title(String title) {
            String grouped = grouping == null ? title : title + ", " + grouping.words();
            return preview ? "Preview: " + grouped : grouped;
        }

        OperatorAction.Confirmation confirmation() {
            return preview ? form : null;
        }
    }

    /** An action the page refuses before sending anything, with the message for the operator. */
    static final class RefusedAction extends RuntimeException {
        RefusedAction(String message) {
            super(message);
        }
    }
}
