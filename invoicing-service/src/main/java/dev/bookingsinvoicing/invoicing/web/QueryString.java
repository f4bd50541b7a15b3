package dev.bookingsinvoicing.invoicing.web;

import org.springframework.web.util.UriComponentsBuilder;

/** A list's filter, sort and page as a query string for its links: values left empty are left out. */
final class QueryString {

    private final UriComponentsBuilder builder = UriComponentsBuilder.fromPath("");

    QueryString with(String name, Object value) {
        if (value != null && !value.toString().isEmpty()) {
            builder.queryParam(name, value);
        }
        return this;
    }

    @Override
    public String toString() {
        return builder.encode().build().toUriString();
    }
}
