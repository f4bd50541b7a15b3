package dev.bookingsinvoicing.customers.templates;

import org.bson.Document;
import org.springframework.data.mongodb.core.MongoTemplate;

import dev.bookingsinvoicing.customers.registration.CustomerStore;
import dev.bookingsinvoicing.customers.registration.CustomerTemplate;
import dev.bookingsinvoicing.registration.Templates;

/**
 * Customer templates in MongoDB ({@code customer_templates}, {@code _id} = code): seeded from the configuration,
 * managed over the API, and read by the registrar for each new customer; never deleted while customers were created
 * from one or while it is the default.
 */
public class CustomerTemplates extends Templates<CustomerTemplate> {

    public CustomerTemplates(MongoTemplate mongo, CustomerStore customers, String defaultCode) {
        super(mongo, CustomerStore.NOUNS, customers::templateInUse, defaultCode);
    }

    @Override
    protected Document toDocument(CustomerTemplate t) {
        return new Document("description", t.description()).append("customerPostingGroup", t.customerPostingGroup())
                .append("genBusPostingGroup", t.genBusPostingGroup()).append("vatBusPostingGroup", t.vatBusPostingGroup())
                .append("paymentTermsCode", t.paymentTermsCode()).append("paymentMethodCode", t.paymentMethodCode())
                .append("currencyCode", t.currencyCode()).append("countryRegionCode", t.countryRegionCode())
                .append("languageCode", t.languageCode()).append("pricesIncludingVat", t.pricesIncludingVat());
    }

    @Override
    protected CustomerTemplate fromDocument(Document d) {
        return new CustomerTemplate(d.getString("_id"), d.getString("description"), d.getString("customerPostingGroup"),
                d.getString("genBusPostingGroup"), d.getString("vatBusPostingGroup"), d.getString("paymentTermsCode"),
                d.getString("paymentMethodCode"), d.getString("currencyCode"), d.getString("countryRegionCode"),
                d.getString("languageCode"), d.getBoolean("pricesIncludingVat", false));
    }
}
