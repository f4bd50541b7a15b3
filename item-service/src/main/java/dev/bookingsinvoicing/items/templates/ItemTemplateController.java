package dev.bookingsinvoicing.items.templates;

import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import dev.bookingsinvoicing.items.registration.ItemTemplate;
import dev.bookingsinvoicing.registration.TemplateController;

/** Administration of item templates (ADMIN to change, READER to look); only templates of type Service are taken. */
@RestController
@RequestMapping("/api/item-templates")
public class ItemTemplateController extends TemplateController<ItemTemplate> {

    public ItemTemplateController(ItemTemplates templates) {
        super(templates);
    }
}
