package org.mediationledger.query.report;

import org.mediationledger.query.web.RequestParameters;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.nio.charset.StandardCharsets;

/** {@code GET /api/reports/recovered-wages}: JSON by default, CSV for {@code Accept: text/csv}. */
@RestController
public class RecoveredWagesController {

    static final MediaType TEXT_CSV = new MediaType("text", "csv", StandardCharsets.UTF_8);
    private static final String PATH = "/api/reports/recovered-wages";

    private final RecoveredWagesQueries queries;

    public RecoveredWagesController(RecoveredWagesQueries queries) {
        this.queries = queries;
    }

    @GetMapping(path = PATH, produces = MediaType.APPLICATION_JSON_VALUE)
    public RecoveredWagesReport report(@RequestParam(required = false) String from,
                                       @RequestParam(required = false) String to,
                                       @RequestParam(required = false) String groupBy) {
        return queries.report(new ReportPeriod(RequestParameters.date("from", from), RequestParameters.date("to", to)),
                ReportGrouping.fromParameter(groupBy));
    }

    @GetMapping(path = PATH, produces = "text/csv")
    public ResponseEntity<byte[]> reportAsCsv(@RequestParam(required = false) String from,
                                              @RequestParam(required = false) String to,
                                              @RequestParam(required = false) String groupBy) {
        // bytes, not a String: the String converter would pick its own charset
        byte[] csv = ReportCsv.render(report(from, to, groupBy)).getBytes(StandardCharsets.UTF_8);
        return ResponseEntity.ok().contentType(TEXT_CSV).body(csv);
    }
}
