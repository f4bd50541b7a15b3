package dev.bookingsinvoicing.registration;

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

/**
 * Administration of a service's templates (ADMIN to change, READER to look). A service's subclass is the
 * {@code @RestController} and maps it to its path ({@code /api/customer-templates}, {@code /api/item-templates}).
 */
public abstract class TemplateController<T extends Template> {

    private final Templates<T> templates;

    protected TemplateController(Templates<T> templates) {
        this.templates = templates;
    }

    /** The templates, and which one new records get. */
    public record TemplateList<T>(String defaultTemplate, List<T> templates) {
    }

    @GetMapping
    public TemplateList<T> list() {
        return new TemplateList<>(templates.defaultCode(), templates.list());
    }

    @GetMapping("/{code}")
    public T get(@PathVariable String code) {
        return templates.get(code);
    }

    @PostMapping
    public ResponseEntity<T> create(@Valid @RequestBody T template) {
        T created = templates.create(template);
        return ResponseEntity.created(URI.create(templates.path(created.code()))).body(created);
    }

    @PutMapping("/{code}")
    public T update(@PathVariable String code, @Valid @RequestBody T template) {
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
