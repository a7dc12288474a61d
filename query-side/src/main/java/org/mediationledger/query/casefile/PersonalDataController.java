package org.mediationledger.query.casefile;

import jakarta.servlet.http.HttpServletRequest;
import org.mediationledger.query.ingest.AggregateCatchUp;
import org.mediationledger.query.security.Reader;
import org.mediationledger.query.security.Roles;
import org.mediationledger.query.web.Forbidden;
import org.mediationledger.query.web.NotFound;
import org.mediationledger.query.web.RequestParameters;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;
import java.util.UUID;

/**
 * A worker's personal data unmasked (DOMAIN.md, "Personal data": masked "except to roles that need them"):
 * union staff, who contact the worker, and a lawyer who is or was responsible for the case, who represents
 * them. Every such read is recorded before the data is shown; auditors list the record, and see personal
 * data only masked themselves.
 */
@RestController
public class PersonalDataController {

    private final CaseFileQueries queries;
    private final ClaimantMasking masking;
    private final PersonalDataReads reads;
    private final AggregateCatchUp catchUp;

    public PersonalDataController(CaseFileQueries queries, ClaimantMasking masking, PersonalDataReads reads,
                                  AggregateCatchUp catchUp) {
        this.queries = queries;
        this.masking = masking;
        this.reads = reads;
        this.catchUp = catchUp;
    }

    public record PersonalData(String caseId, CaseFile.Claimant claimant) {
    }

    public record Reads(String claimantKey, List<PersonalDataReads.Read> reads) {
    }

    /**
     * {@code minVersion} and a refusal of a case the views are behind on are waited for as in the case
     * file (CaseFileController). The read is recorded before anything is shown: if that fails, the
     * request fails with it.
     */
    @GetMapping("/api/cases/{caseId}/personal-data")
    public PersonalData personalData(@PathVariable UUID caseId, @RequestParam(required = false) String minVersion,
                                     Authentication authentication, HttpServletRequest request) {
        String id = caseId.toString();
        Long wanted = RequestParameters.version("minVersion", minVersion);
        if (wanted != null) {
            catchUp.awaitVersion("case", id, wanted, "minVersion");
        }
        Reader reader = Reader.of(authentication);
        CaseFileQueries.StoredClaimant stored = catchUp.decide("case", id, () -> claimantFor(reader, id));
        String requestId = request.getHeader("X-Request-Id");
        reads.record(reader, id, stored.claimantKey(), requestId == null || requestId.length() > 100 ? null : requestId);
        return new PersonalData(id, masking.unmasked(stored));
    }

    private CaseFileQueries.StoredClaimant claimantFor(Reader reader, String id) {
        CaseFileQueries.StoredClaimant stored = queries.storedClaimant(id).orElseThrow(() -> new NotFound("no case " + id));
        boolean needsIt = reader.role() == Roles.UNION_STAFF || (reader.isLawyer() && queries.mayRead(reader, id));
        if (!needsIt) {
            throw new Forbidden(reader.isLawyer()
                    ? "a lawyer sees personal data only on the cases they are or were responsible for"
                    : "personal data is shown unmasked only to union staff and the worker's lawyer; the case file shows it masked");
        }
        return stored;
    }

    /** Who saw this worker's personal data, and when (auditors, by {@code SecurityConfiguration}). */
    @GetMapping("/api/audit/workers/{claimantKey}/personal-data-reads")
    public Reads readsOf(@PathVariable UUID claimantKey) {
        return new Reads(claimantKey.toString(), reads.of(claimantKey.toString()));
    }
}
