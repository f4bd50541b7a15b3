package dev.bookingsinvoicing.customers.templates;

import java.net.URI;
import java.util.List;

import jakarta.validation.Valid;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import dev.bookingsinvoicing.customers.registration.CustomerTemplate;
import dev.bookingsinvoicing.service.web.TemplateNotFoundException;

/** Administration of customer templates (ADMIN to change, READER to look). */
@RestController
@RequestMapping("/api/customer-templates")
public class CustomerTemplateController {

    private final CustomerTemplates templates;

    public CustomerTemplateController(CustomerTemplates templates) {
        this.templates = templates;
    }

    /** The templates, and which one new customers get. */
    public record TemplateList(String defaultTemplate, List<CustomerTemplate> templates) {
    }

    @GetMapping
    public TemplateList list() {
        return new TemplateList(templates.defaultCode(), templates.list());
    }

    @GetMapping("/{code}")
    public CustomerTemplate get(@PathVariable String code) {
        return templates.find(code).orElseThrow(() -> new TemplateNotFoundException("no customer template " + code));
    }

    @PostMapping
    public ResponseEntity<CustomerTemplate> create(@Valid @RequestBody CustomerTemplate template) {
        CustomerTemplate created = templates.create(template);
        return ResponseEntity.created(URI.create("/api/customer-templates/" + created.code())).body(created);
    }

    @PutMapping("/{code}")
    public CustomerTemplate update(@PathVariable String code, @Valid @RequestBody CustomerTemplate template) {
        if (!code.equals(template.code())) {
            throw new IllegalArgumentException("the body's code " + template.code() + " differs from the path's " + code
                    + "; a template's code cannot change");
        }
        return templates.update(template);
    }

    @DeleteMapping("/{code}")
    public ResponseEntity<Void> delete(@PathVariable String code) {
        templates.delete(code);
        return ResponseEntity.noContent().build();
    }
}
