package org.mediationledger.query.casefile;

import org.mediationledger.events.common.CaseStage;
import org.mediationledger.query.config.ViewSettings;
import org.mediationledger.query.ingest.AggregateCatchUp;
import org.mediationledger.query.security.Reader;
import org.mediationledger.query.web.Forbidden;
import org.mediationledger.query.web.NotFound;
import org.mediationledger.query.web.RequestParameters;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.UUID;

/**
 * The case file and the case list, each bounded by who reads (DOMAIN.md, roles): union staff and auditors
 * read every case, a lawyer the cases they are or were responsible for, a court liaison officer their
 * court's referrals. A case that exists but is not the reader's is 403; the list simply leaves it out.
 */
@RestController
@RequestMapping("/api/cases")
public class CaseFileController {

    private final CaseFileQueries queries;
    private final ViewSettings settings;
    private final AggregateCatchUp catchUp;

    public CaseFileController(CaseFileQueries queries, ViewSettings settings, AggregateCatchUp catchUp) {
        this.queries = queries;
        this.settings = settings;
        this.catchUp = catchUp;
    }

    /**
     * Case ids are UUIDs, as on the command side: anything else is answered 400 naming {@code caseId}
     * ("must be a valid UUID", see ProblemResponses), the same problem the command side answers, not
     * 404. The canonical (lower-case) form is looked up, which is the form the command side stores.
     * <p>
     * {@code minVersion}: the version (ETag) a command just answered; the views are waited for until
     * they show it (docs/read-your-writes.md). Without it, a "not found" or "not yours" is answered only
     * once the views have every stored event of the case, since the one they lack may be the referral
     * or the assignment that makes the case the reader's.
     */
    @GetMapping("/{caseId}")
    public CaseFile caseFile(@PathVariable UUID caseId, @RequestParam(required = false) String minVersion,
                             Authentication authentication) {
        String id = caseId.toString();
        Long wanted = RequestParameters.version("minVersion", minVersion);
        if (wanted != null) {
            catchUp.awaitVersion("case", id, wanted, "minVersion");
        }
        Reader reader = Reader.of(authentication);
        return catchUp.decide("case", id, () -> readable(reader, id));
    }

    private CaseFile readable(Reader reader, String id) {
        CaseFile found = queries.caseFile(id).orElseThrow(() -> new NotFound("no case " + id));
        if (!queries.mayRead(reader, id)) {
            throw new Forbidden(reader.isLawyer()
                    ? "a lawyer reads only the cases they are or were responsible for; " + reader.name() + " never was for case " + id
                    : "a court liaison officer reads only their own court's referrals; case " + id + " is not one of " + reader.boundTo() + "'s");
        }
        return found;
    }

    @GetMapping
    public CasePage caseList(@RequestParam(required = false) String lawyerId,
                             @RequestParam(required = false) String stage,
                             @RequestParam(required = false) String court,
                             @RequestParam(required = false) String district,
                             @RequestParam(required = false) String overdue,
                             @RequestParam(required = false) String page,
                             @RequestParam(required = false) String size,
                             @RequestParam(required = false) String sort,
                             Authentication authentication) {
        Reader reader = Reader.of(authentication);
        CaseListFilter filter = new CaseListFilter(
                RequestParameters.text(lawyerId),
                RequestParameters.oneOf("stage", stage, CaseStage.class),
                RequestParameters.text(court),
                RequestParameters.text(district),
                RequestParameters.bool("overdue", overdue),
                reader.isLawyer() ? reader.boundTo() : null,
                reader.isCourtLiaison() ? reader.boundTo() : null);
        int pageNumber = RequestParameters.integer("page", page, 0, 0, Integer.MAX_VALUE / settings.maxPageSize());
        int pageSize = RequestParameters.integer("size", size, settings.defaultPageSize(), 1, settings.maxPageSize());
        CaseListOrder order = sort == null || sort.isBlank() ? CaseListOrder.registeredOn
                : RequestParameters.oneOf("sort", sort, CaseListOrder.class);
        return queries.caseList(filter, order, pageNumber, pageSize);
    }
}
