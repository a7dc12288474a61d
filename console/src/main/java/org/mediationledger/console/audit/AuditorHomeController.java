package org.mediationledger.console.audit;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.mediationledger.console.ApiClient;
import org.mediationledger.console.CaseLists;
import org.mediationledger.console.Role;
import org.mediationledger.console.SignedInUser;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The auditor's home: the recovered-wages report (a table, a monthly chart and its CSV download) and a
 * case search over the case list, all read from the query side with the auditor's own credentials.
 */
@Controller
public class AuditorHomeController {

    static final String REPORT_PATH = "/api/reports/recovered-wages";
    static final List<String> STAGES = List.of("REGISTERED", "IN_MEDIATION", "AGREED", "MEDIATION_FAILED",
            "LEGAL_AID", "AWARDED", "ENFORCEMENT_TERMINATED", "CLOSED");
    static final List<String> GROUP_BY = List.of("district", "category", "employmentForm", "channel", "month");
    static final String DEFAULT_GROUP_BY = "district";
    static final MediaType CSV = new MediaType("text", "csv", StandardCharsets.UTF_8);
    /**
     * Written before the query side's CSV: Excel opens a UTF-8 file without it in the system's code page
     * (GBK on Chinese Windows) and garbles the district names. The API itself stays without one, for scripts.
     */
    static final byte[] UTF8_BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

    private final ApiClient api;
    private final ObjectMapper json;
    private final CaseLists caseLists;

    public AuditorHomeController(ApiClient api, ObjectMapper json, CaseLists caseLists) {
        this.api = api;
        this.json = json;
        this.caseLists = caseLists;
    }

    @GetMapping("/auditor")
    public String auditor(@ModelAttribute("user") SignedInUser user,
                          @RequestParam(required = false) String stage,
                          @RequestParam(required = false) String district,
                          @RequestParam(required = false) String court,
                          @RequestParam(required = false) String lawyerId,
                          @RequestParam(required = false) String from,
                          @RequestParam(required = false) String to,
                          @RequestParam(defaultValue = DEFAULT_GROUP_BY) String groupBy,
                          @RequestParam(required = false) String page,
                          Model model) {
        if (user.role() != Role.AUDITOR) {
            return "redirect:" + user.role().home();
        }
        Map<String, String> filter = new LinkedHashMap<>();
        filter.put("stage", stage != null && STAGES.contains(stage) ? stage : null);
        filter.put("district", district);
        filter.put("court", court);
        filter.put("lawyerId", lawyerId);
        model.addAttribute("filter", filter);
        model.addAttribute("stages", STAGES);
        model.addAttribute("cases", caseLists.read(user, filter, page));

        String group = grouping(groupBy);
        model.addAttribute("groupBy", group);
        model.addAttribute("groupings", GROUP_BY);
        model.addAttribute("from", from);
        model.addAttribute("to", to);
        model.addAttribute("csvLink", csvLink(group, from, to));
        ApiClient.Answer report = api.query(user.credentials(), REPORT_PATH, reportQuery(group, from, to));
        if (!report.ok()) {
            model.addAttribute("reportError", report.problemOrStatus());
            return "auditor";
        }
        List<ReportRow> rows = api.rows(report.body().path("rows"), ReportRow.class);
        model.addAttribute("reportRows", rows);
        model.addAttribute("reportTotal", json.convertValue(report.body().path("total"), ReportRow.class));

        // the chart is always by month, over the same period, whatever the table is grouped by
        List<ReportRow> monthRows = rows;
        if (!"month".equals(group)) {
            ApiClient.Answer byMonth = api.query(user.credentials(), REPORT_PATH, reportQuery("month", from, to));
            monthRows = byMonth.ok() ? api.rows(byMonth.body().path("rows"), ReportRow.class) : List.of();
        }
        model.addAttribute("chart", MonthlyChart.of(monthRows));
        return "auditor";
    }

    /**
     * The report as the query side writes it for {@code Accept: text/csv}, as a download: the same
     * bytes (UTF-8, Chinese intact) behind a byte order mark, named after its grouping and period.
     */
    @GetMapping("/auditor/report.csv")
    public ResponseEntity<byte[]> reportCsv(@ModelAttribute("user") SignedInUser user,
                                            @RequestParam(required = false) String from,
                                            @RequestParam(required = false) String to,
                                            @RequestParam(defaultValue = DEFAULT_GROUP_BY) String groupBy) {
        if (user.role() != Role.AUDITOR) {
            return ResponseEntity.status(HttpStatus.SEE_OTHER).header(HttpHeaders.LOCATION, user.role().home()).build();
        }
        String group = grouping(groupBy);
        ApiClient.TextAnswer csv = api.queryText(user.credentials(), REPORT_PATH, reportQuery(group, from, to), "text/csv");
        if (csv.status() != 200) {
            // a link made by hand (the page shows the same error beside the report): the reason, as text
            String reason = problemText(csv.body(), csv.status());
            return ResponseEntity.status(csv.status()).contentType(new MediaType("text", "plain", StandardCharsets.UTF_8))
                    .body(reason.getBytes(StandardCharsets.UTF_8));
        }
        byte[] body = csv.body().getBytes(StandardCharsets.UTF_8);
        byte[] download = new byte[UTF8_BOM.length + body.length];
        System.arraycopy(UTF8_BOM, 0, download, 0, UTF8_BOM.length);
        System.arraycopy(body, 0, download, UTF8_BOM.length, body.length);
        return ResponseEntity.ok()
                .contentType(CSV)
                .header(HttpHeaders.CONTENT_DISPOSITION,
                        ContentDisposition.attachment().filename(fileName(group, from, to)).build().toString())
                .body(download);
    }

    /** The download of what the page shows: the same grouping and period, empty ends left out. */
    static String csvLink(String groupBy, String from, String to) {
        UriComponentsBuilder link = UriComponentsBuilder.fromPath("/auditor/report.csv");
        reportQuery(groupBy, from, to).forEach((name, value) -> {
            if (value != null && !value.isBlank()) {
                link.queryParam(name, value.trim());
            }
        });
        return link.encode().build().toUriString();
    }

    /** {@code recovered-wages-month-2026-01-01-2026-03-31.csv}; only the parts given, only safe characters. */
    static String fileName(String groupBy, String from, String to) {
        StringBuilder name = new StringBuilder("recovered-wages-").append(groupBy);
        for (String end : new String[]{from, to}) {
            if (end != null && end.trim().matches("\\d{4}-\\d{2}-\\d{2}")) {
                name.append('-').append(end.trim());
            }
        }
        return name.append(".csv").toString();
    }

    private static String grouping(String groupBy) {
        return groupBy != null && GROUP_BY.contains(groupBy) ? groupBy : DEFAULT_GROUP_BY;
    }

    private static Map<String, String> reportQuery(String groupBy, String from, String to) {
        Map<String, String> query = new LinkedHashMap<>();
        query.put("groupBy", groupBy);
        query.put("from", from);
        query.put("to", to);
        return query;
    }

    private String problemText(String problemJson, int status) {
        JsonNode body;
        try {
            body = problemJson == null || problemJson.isBlank() ? json.missingNode() : json.readTree(problemJson);
        } catch (JsonProcessingException notJson) {
            body = json.missingNode();
        }
        return new ApiClient.Answer(status, body).problemOrStatus();
    }


}
