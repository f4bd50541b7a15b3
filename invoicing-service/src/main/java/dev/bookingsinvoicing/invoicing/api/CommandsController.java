package dev.bookingsinvoicing.invoicing.api;

import java.util.Locale;

import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import dev.bookingsinvoicing.invoicing.command.CommandResult;
import dev.bookingsinvoicing.invoicing.security.BusinessAccess;

/**
 * The command history: every command carried out or rejected, newest first, with its result (what was asked, by
 * whom, invoices, bookings acted on, skipped bookings with reasons, or the rejection); and one command's result
 * (404 while it is not carried out yet). A user limited to some businesses sees the commands they sent and those
 * that name only their businesses ({@link BusinessAccess#commands}).
 */
@RestController
@RequestMapping("/api/commands")
public class CommandsController {

    private final MongoTemplate mongo;

    public CommandsController(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    @GetMapping
    public PageResponse<CommandResult> list(BusinessAccess access, @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "50") int size, @RequestParam(required = false) String commandType,
            @RequestParam(required = false) String outcome) {
        Paging.check(page, size);
        Criteria criteria = new Criteria();
        if (commandType != null && !commandType.isBlank()) {
            criteria = criteria.and("commandType").is(commandType);
        }
        if (outcome != null && !outcome.isBlank()) {
            try {
                criteria = criteria.and("outcome").is(CommandResult.Outcome.valueOf(outcome.toUpperCase(Locale.ROOT))
                        .name());
            } catch (IllegalArgumentException e) {
                throw new BadQueryException("outcome must be COMPLETED or REJECTED, not '" + outcome + "'");
            }
        }
        criteria = access.commands(criteria);
        long total = mongo.count(Query.query(criteria), CommandResult.class);
        Query pageQuery = Query.query(criteria).with(Sort.by(Sort.Direction.DESC, "occurredAt", "_id"))
                .skip((long) page * size).limit(size);
        return PageResponse.of(mongo.find(pageQuery, CommandResult.class), page, size, total);
    }

    @GetMapping("/{commandId}")
    public ResponseEntity<CommandResult> get(BusinessAccess access, @PathVariable String commandId) {
        CommandResult result = mongo.findById(commandId, CommandResult.class);
        boolean visible = result != null && access.seesCommand(result.issuedBy(), result.businessIds());
        return ResponseEntity.ofNullable(visible ? result : null);
    }
}
