package dev.bookingsinvoicing.invoicing.store;

import java.util.List;

import org.bson.Document;

/** One page of a listing as stored (raw documents, so readers keep working while writers add fields) and how many match in all. */
public record StoredPage(List<Document> documents, long total) {
}
