package dev.bookingsinvoicing.invoicing.api;

import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import dev.bookingsinvoicing.invoicing.command.CommandResult;

/** The stored result of a command (404 while it is not carried out yet). */
@RestController
@RequestMapping("/api/commands")
public class CommandsController {

    private final MongoTemplate mongo;

    public CommandsController(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    @GetMapping("/{commandId}")
    public ResponseEntity<CommandResult> get(@PathVariable String commandId) {
        return ResponseEntity.ofNullable(mongo.findById(commandId, CommandResult.class));
    }
}
