package org.mediationledger.console;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.stereotype.Component;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * One page of the query side's case list ({@code GET /api/cases}), read with the user's credentials,
 * and the links to the other pages. Used in templates as {@code ${@caseLists.pageLink(here, 'page', n)}}.
 */
@Component("caseLists")
public class CaseLists {

    /** How many cases a page of a list shows. */
    public static final int PAGE_SIZE = 50;

    /**
     * @param page  counted from 0, as the API counts
     * @param error the API's problem when the list could not be read, else null
     */
    public record CaseListPage(List<CaseRow> items, int page, int size, long total, String error) {

        public long pages() {
            return Math.max(1, (total + size - 1) / size);
        }

        public boolean hasPrevious() {
            return page > 0;
        }

        public boolean hasNext() {
            return page + 1 < pages();
        }

        public boolean isEmpty() {
            return items.isEmpty();
        }
    }

    private final ApiClient api;
    private final ObjectMapper json;

    public CaseLists(ApiClient api, ObjectMapper json) {
        this.api = api;
        this.json = json;
    }

    /** {@code filter}: the API's list parameters (blank ones left out); {@code page} as given in the console's URL. */
    public CaseListPage read(SignedInUser user, Map<String, String> filter, String page) {
        int pageNumber = pageNumber(page);
        Map<String, String> query = new LinkedHashMap<>(filter);
        query.put("page", String.valueOf(pageNumber));
        query.put("size", String.valueOf(PAGE_SIZE));
        ApiClient.Answer answer = api.query(user.credentials(), "/api/cases", query);
        if (!answer.ok()) {
            String problem = answer.problemOrStatus();
            return new CaseListPage(List.of(), pageNumber, PAGE_SIZE, 0, problem);
        }
        List<CaseRow> rows = new ArrayList<>();
        answer.body().path("items").forEach(node -> rows.add(json.convertValue(node, CaseRow.class)));
        return new CaseListPage(rows, pageNumber, PAGE_SIZE, answer.body().path("total").asLong(), null);
    }

    /** The page in the URL counts from 1, as people count; anything else is the first page. */
    static int pageNumber(String page) {
        try {
            return page == null ? 0 : Math.max(0, Math.min(Integer.parseInt(page.strip()) - 1, 1_000_000));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** This page's path and query with {@code param} set to {@code oneBasedPage}. */
    public String pageLink(String here, String param, long oneBasedPage) {
        return UriComponentsBuilder.fromUriString(here).replaceQueryParam(param, oneBasedPage).build().toUriString();
    }
}
