package dev.bookingsinvoicing.invoicing.store;

import java.util.List;

import org.bson.Document;

/**
 * One page of a listing as stored (raw documents, so that readers keep working while writers add fields) and how many
 * documents match in all.
 */
public record StoredPage(List<Document> documents, long total) {
}
