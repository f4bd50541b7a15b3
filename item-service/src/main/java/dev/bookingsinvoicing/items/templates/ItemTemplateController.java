package dev.bookingsinvoicing.items.templates;

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

import dev.bookingsinvoicing.items.registration.ItemTemplate;
import dev.bookingsinvoicing.service.web.TemplateNotFoundException;

/** Administration of item templates (ADMIN to change, READER to look). */
@RestController
@RequestMapping("/api/item-templates")
public class ItemTemplateController {

    private final ItemTemplates templates;

    public ItemTemplateController(ItemTemplates templates) {
        this.templates = templates;
    }

    /** The templates, and which one new items get. */
    public record TemplateList(String defaultTemplate, List<ItemTemplate> templates) {
    }

    @GetMapping
    public TemplateList list() {
        return new TemplateList(templates.defaultCode(), templates.list());
    }

    @GetMapping("/{code}")
    public ItemTemplate get(@PathVariable String code) {
        return templates.find(code).orElseThrow(() -> new TemplateNotFoundException("no item template " + code));
    }

    @PostMapping
    public ResponseEntity<ItemTemplate> create(@Valid @RequestBody ItemTemplate template) {
        ItemTemplate created = templates.create(template);
        return ResponseEntity.created(URI.create("/api/item-templates/" + created.code())).body(created);
    }

    @PutMapping("/{code}")
    public ItemTemplate update(@PathVariable String code, @Valid @RequestBody ItemTemplate template) {
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
