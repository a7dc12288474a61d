package org.mediationledger.query.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.mediationledger.events.pii.Masking;
import org.mediationledger.query.casefile.WorkerKeys;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.mediationledger.events.wire.ChainHash;
import org.mediationledger.events.wire.EventJson;
import org.mediationledger.query.casefile.CaseFile;
import org.mediationledger.query.web.NotFound;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/**
 * A case's history and the verification of its hash chain, read from the event store itself (API.md,
 * audit endpoints; decision 0012). Auditors only (SecurityConfiguration). Payloads hold personal data only
 * as ciphertext, so the history shows no ID number or phone.
 */
@RestController
@RequestMapping("/api/audit/cases")
public class AuditController {

    private final StoredEvents storedEvents;
    private final CaseAsOf caseAsOf;
    private final ObjectMapper json = EventJson.newObjectMapper();

    private final WorkerKeys workerKeys;

    public AuditController(StoredEvents storedEvents, CaseAsOf caseAsOf, WorkerKeys workerKeys) {
        this.workerKeys = workerKeys;
        this.storedEvents = storedEvents;
        this.caseAsOf = caseAsOf;
    }

    /** The case file as it stood at {@code asOf} (an ISO-8601 instant), built by the live view's own projection. */
    @GetMapping("/{caseId}/state")
    public CaseFile state(@PathVariable UUID caseId, @RequestParam Instant asOf) {
        return caseAsOf.caseFile(caseId.toString(), asOf);
    }

    /**
     * @param firstBrokenSequence the first sequence whose stored link does not match the recomputed one, or
     *                            that is missing; null when the chain is intact
     */
    public record Verification(String caseId, boolean intact, int events, Long firstBrokenSequence) {
    }

    public record Actor(String id, String role) {
    }

    public record HistoryEntry(long sequence, String type, String occurredAt, Actor actor, String requestId,
                               JsonNode payload, String hash, String previousHash) {
    }

    /**
     * @param personalData {@code ENCRYPTED}: the worker's ID number and phone appear as the ciphertext stored;
     *                     {@code ERASED}: the worker's key was destroyed, and they appear as {@code [erased]}
     *                     (the hashes are still those of the stored bytes)
     */
    public record History(String caseId, String personalData, List<HistoryEntry> events) {
    }

    /** Recomputes every link from the stored bytes; the first mismatch or gap names the broken sequence. */
    @GetMapping("/{caseId}/verification")
    public Verification verification(@PathVariable UUID caseId) {
        List<StoredEvents.Row> rows = rowsOf(caseId);
        byte[] previous = ChainHash.genesis();
        long expected = 0;
        for (StoredEvents.Row row : rows) {
            long sequence = row.event().sequenceNumber();
            if (sequence != expected || !Arrays.equals(ChainHash.link(previous, row.event()), row.chainHash())) {
                return new Verification(caseId.toString(), false, rows.size(), Math.min(sequence, expected));
            }
            previous = row.chainHash();
            expected++;
        }
        return new Verification(caseId.toString(), true, rows.size(), null);
    }

    @GetMapping("/{caseId}/history")
    public History history(@PathVariable UUID caseId) {
        List<HistoryEntry> entries = new ArrayList<>();
        byte[] previous = ChainHash.genesis();
        for (StoredEvents.Row row : rowsOf(caseId)) {
            ChainHash.StoredEvent event = row.event();
            JsonNode metadata = read(event.metaData());
            String type = event.payloadType().substring(event.payloadType().lastIndexOf('.') + 1);
            entries.add(new HistoryEntry(event.sequenceNumber(), type, event.timeStamp(),
                    new Actor(text(metadata, "actorId"), text(metadata, "actorRole")), text(metadata, "requestId"),
                    read(event.payload()), row.chainHash() == null ? null : ChainHash.hex(row.chainHash()), ChainHash.hex(previous)));
            previous = row.chainHash() == null ? ChainHash.genesis() : row.chainHash();
        }
        String claimantKey = entries.stream().map(e -> e.payload() == null ? null : e.payload().path("claimant").path("claimantKey"))
                .filter(k -> k != null && k.isTextual()).map(JsonNode::asText).findFirst().orElse(null);
        boolean erased = claimantKey != null && workerKeys.find(claimantKey).isEmpty();
        if (erased) {
            for (HistoryEntry entry : entries) {
                if (entry.payload() != null && entry.payload().path("claimant") instanceof ObjectNode claimant) {
                    claimant.put("idNumber", Masking.ERASED);
                    claimant.put("phone", Masking.ERASED);
                }
            }
        }
        return new History(caseId.toString(), erased ? "ERASED" : "ENCRYPTED", entries);
    }

    private List<StoredEvents.Row> rowsOf(UUID caseId) {
        List<StoredEvents.Row> rows = storedEvents.of(caseId.toString());
        if (rows.isEmpty()) {
            throw new NotFound("no case with id " + caseId + " in the event store");
        }
        return rows;
    }

    private JsonNode read(byte[] bytes) {
        if (bytes == null) {
            return null;
        }
        try {
            return json.readTree(bytes);
        } catch (IOException unreadable) {
            // an altered event may no longer be JSON: show that, the verification names where
            return json.getNodeFactory().textNode("(stored bytes are not JSON)");
        }
    }

    private static String text(JsonNode node, String field) {
        return node == null || !node.hasNonNull(field) ? null : node.get(field).asText();
    }
}
