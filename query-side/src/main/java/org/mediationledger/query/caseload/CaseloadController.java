package org.mediationledger.query.caseload;

import org.mediationledger.query.security.Reader;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
public class CaseloadController {

    private final CaseloadQueries queries;

    public CaseloadController(CaseloadQueries queries) {
        this.queries = queries;
    }

    /** Staff and auditors see every lawyer's line; a lawyer sees their own (SecurityConfiguration keeps courts out). */
    @GetMapping("/api/caseload")
    public Caseload caseload(Authentication authentication) {
        Reader reader = Reader.of(authentication);
        return queries.caseload(reader.isLawyer() ? reader.boundTo() : null);
    }
}
