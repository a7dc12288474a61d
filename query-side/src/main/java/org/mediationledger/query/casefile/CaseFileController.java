package org.mediationledger.query.casefile;

import org.mediationledger.events.common.CaseStage;
import org.mediationledger.query.config.ViewSettings;
import org.mediationledger.query.web.NotFound;
import org.mediationledger.query.web.RequestParameters;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.UUID;

/** The case file and the case list. Any signed-in role may read them for now (ownership comes later). */
@RestController
@RequestMapping("/api/cases")
public class CaseFileController {

    private final CaseFileQueries queries;
    private final ViewSettings settings;

    public CaseFileController(CaseFileQueries queries, ViewSettings settings) {
        this.queries = queries;
        this.settings = settings;
    }

    /**
     * Case ids are UUIDs, as on the command side: anything else is answered 400 naming {@code caseId}
     * ("must be a valid UUID", see ProblemResponses), the same problem the command side answers, not
     * 404. The canonical (lower-case) form is looked up, which is the form the command side stores.
     */
    @GetMapping("/{caseId}")
    public CaseFile caseFile(@PathVariable UUID caseId) {
        String id = caseId.toString();
        return queries.caseFile(id).orElseThrow(() -> new NotFound("no case " + id));
    }

    @GetMapping
    public CasePage caseList(@RequestParam(required = false) String lawyerId,
                             @RequestParam(required = false) String stage,
                             @RequestParam(required = false) String court,
                             @RequestParam(required = false) String district,
                             @RequestParam(required = false) String overdue,
                             @RequestParam(required = false) String page,
                             @RequestParam(required = false) String size) {
        CaseListFilter filter = new CaseListFilter(
                RequestParameters.text(lawyerId),
                RequestParameters.oneOf("stage", stage, CaseStage.class),
                RequestParameters.text(court),
                RequestParameters.text(district),
                RequestParameters.bool("overdue", overdue));
        int pageNumber = RequestParameters.integer("page", page, 0, 0, Integer.MAX_VALUE / settings.maxPageSize());
        int pageSize = RequestParameters.integer("size", size, settings.defaultPageSize(), 1, settings.maxPageSize());
        return queries.caseList(filter, pageNumber, pageSize);
    }
}
