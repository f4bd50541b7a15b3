package dev.bookingsinvoicing.customers.templates;

import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import dev.bookingsinvoicing.customers.registration.CustomerTemplate;
import dev.bookingsinvoicing.registration.TemplateController;

/** Administration of customer templates (ADMIN to change, READER to look); the default is the one new customers get. */
@RestController
@RequestMapping("/api/customer-templates")
public class CustomerTemplateController extends TemplateController<CustomerTemplate> {

    public CustomerTemplateController(CustomerTemplates templates) {
        super(templates);
    }
}
