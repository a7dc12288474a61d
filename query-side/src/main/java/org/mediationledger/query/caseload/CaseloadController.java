package org.mediationledger.query.caseload;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
public class CaseloadController {

    private final CaseloadQueries queries;

    public CaseloadController(CaseloadQueries queries) {
        this.queries = queries;
    }

    @GetMapping("/api/caseload")
    public Caseload caseload() {
        return queries.caseload();
    }
}
