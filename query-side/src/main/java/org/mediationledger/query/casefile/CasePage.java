package org.mediationledger.query.casefile;

import java.util.List;

/** A page of the case list; {@code page} counts from 0, {@code total} is the number of matching cases. */
public record CasePage(List<CaseSummary> items, int page, int size, long total) {
}
