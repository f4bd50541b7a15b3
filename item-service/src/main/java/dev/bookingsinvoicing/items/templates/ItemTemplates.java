package dev.bookingsinvoicing.items.templates;

import org.bson.Document;
import org.springframework.data.mongodb.core.MongoTemplate;

import dev.bookingsinvoicing.items.registration.ItemStore;
import dev.bookingsinvoicing.items.registration.ItemTemplate;
import dev.bookingsinvoicing.registration.Templates;

/**
 * Item templates in MongoDB ({@code item_templates}, {@code _id} = code): seeded from the configuration, managed over
 * the API, and read by the registrar for each new item; always of type Service (a stored template of another type
 * is refused when it is read).
 */
public class ItemTemplates extends Templates<ItemTemplate> {

    public ItemTemplates(MongoTemplate mongo, ItemStore items, String defaultCode) {
        super(mongo, ItemStore.NOUNS, items::templateInUse, defaultCode);
    }

    @Override
    protected Document toDocument(ItemTemplate t) {
        return new Document("description", t.description()).append("type", ItemTemplate.SERVICE)
                .append("baseUnitOfMeasure", t.baseUnitOfMeasure()).append("genProdPostingGroup", t.genProdPostingGroup())
                .append("vatProdPostingGroup", t.vatProdPostingGroup()).append("taxGroupCode", t.taxGroupCode())
                .append("useBookingsPriceAsUnitPrice", t.useBookingsPriceAsUnitPrice());
    }

    @Override
    protected ItemTemplate fromDocument(Document d) {
        return new ItemTemplate(d.getString("_id"), d.getString("description"), d.getString("type"),
                d.getString("baseUnitOfMeasure"), d.getString("genProdPostingGroup"), d.getString("vatProdPostingGroup"),
                d.getString("taxGroupCode"), d.getBoolean("useBookingsPriceAsUnitPrice", true));
    }
}
