package dev.bookingsinvoicing.invoicing.api;

import java.util.List;

/** One page of a listing, with the total count so that a page can show "1-50 of 1,234". */
public record PageResponse<T>(List<T> content, int page, int size, long totalElements, int totalPages) {

    static <T> PageResponse<T> of(List<T> content, int page, int size, long total) {
        return new PageResponse<>(content, page, size, total, (int) ((total + size - 1) / size));
    }
}
