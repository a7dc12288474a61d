package org.mediationledger.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What the audit-reads benchmark sends, and how the jar picks a benchmark. Nothing here measures time. */
class AuditReadsTest {

    private final ObjectMapper json = new ObjectMapper();
    private final LocalDate today = LocalDate.of(2026, 11, 24);

    @Test
    void theJarRunsCommandThroughputUnlessABenchmarkIsNamed() {
        assertThat(Bench.select(new String[0]).name()).isEqualTo("command-throughput");
        Bench.Selection old = Bench.select(new String[]{"--report", "/tmp/x.md"});
        assertThat(old.name()).isEqualTo("command-throughput");
        assertThat(old.args()).containsExactly("--report", "/tmp/x.md");
        Bench.Selection audit = Bench.select(new String[]{"audit-reads", "--requests", "5"});
        assertThat(audit.name()).isEqualTo("audit-reads");
        assertThat(audit.args()).containsExactly("--requests", "5");
        assertThat(Bench.select(new String[]{"command-throughput", "--threads", "4"}).args()).containsExactly("--threads", "4");
        assertThatThrownBy(() -> Bench.select(new String[]{"audit"})).hasMessageContaining("no benchmark named audit")
                .hasMessageContaining("audit-reads");
    }

    @Test
    void sessionsAreSpreadEvenlyByTheirShare() {
        assertThat(IntStream.range(0, 998).filter(k -> AuditReads.isSession(k, 50)).count()).isEqualTo(499);
        assertThat(IntStream.range(0, 10).filter(k -> AuditReads.isSession(k, 30)).count()).isEqualTo(3);
        assertThat(IntStream.range(0, 100).filter(k -> AuditReads.isSession(k, 0)).count()).isZero();
        assertThat(IntStream.range(0, 100).allMatch(k -> AuditReads.isSession(k, 100))).isTrue();
        // alternating at 50 %, never two sessions in a row
        assertThat(IntStream.range(0, 100).noneMatch(k -> AuditReads.isSession(k, 50) && AuditReads.isSession(k + 1, 50))).isTrue();
    }

    @Test
    void theCaseIsTheWalksCaseDatedTodayWithARoomyClaim() throws Exception {
        String caseId = "3f0c2a8e-5b7d-4c1e-9a44-2d6f1e0b7a01";
        JsonNode intake = json.readTree(AuditReads.intake(caseId, today));
        assertThat(intake.path("caseId").asText()).isEqualTo(caseId);
        assertThat(intake.path("appliedOn").asText()).isEqualTo("2026-11-24");
        assertThat(intake.path("claimant").path("idNumber").asText()).isEqualTo("11010519491231002X");
        assertThat(intake.path("claimedFen").asLong()).isEqualTo(100_000_000L);
        // 1,000 payments of 100 fen would still leave most of the claim outstanding
        assertThat(1000 * AuditReads.PAYMENT_FEN).isLessThan(AuditReads.CLAIMED_FEN);

        JsonNode lawyer = json.readTree(AuditReads.registerLawyer("lawyer1"));
        assertThat(lawyer.path("name").asText()).isEqualTo("李娜");
        assertThat(lawyer.path("maxActiveCases").asInt()).isEqualTo(1000);

        JsonNode payment = json.readTree(AuditReads.payment(caseId, 41, today));
        assertThat(payment.path("paymentId").asText()).isEqualTo("audit-3f0c2a8e-42").hasSizeLessThanOrEqualTo(64);
        assertThat(payment.path("paidOn").asText()).isEqualTo("2026-11-24");
        assertThat(payment.path("source").asText()).isEqualTo("EMPLOYER_VOLUNTARY");

        JsonNode session = json.readTree(AuditReads.session(41, today));
        assertThat(session.path("sessionId").asText()).isEqualTo("s-42");
        assertThat(session.path("heldOn").asText()).isEqualTo("2026-11-24");
        assertThat(session.path("summary").asText()).isNotBlank();

        assertThat(json.readTree(AuditReads.assignMediator("lawyer1", today, true)).path("overLimitReason").asText()).isNotBlank();
        assertThat(json.readTree(AuditReads.assignMediator("lawyer1", today, false)).has("overLimitReason")).isFalse();
    }

    @Test
    void optionsTargetOnlyThisMachine() {
        assertThatThrownBy(() -> new AuditReadsOptions(new String[]{"--query-url", "http://example.org:8082"}))
                .hasMessageContaining("--query-url must point at this machine");
        assertThatThrownBy(() -> new AuditReadsOptions(new String[]{"--lawyer", "staff"})).hasMessageContaining("--lawyer");
        assertThatThrownBy(() -> new AuditReadsOptions(new String[]{"--threads", "4"})).hasMessageContaining("unknown option --threads");
        AuditReadsOptions o = new AuditReadsOptions(new String[]{"--events=20", "--requests", "3", "--case-id",
                "3F0C2A8E-5B7D-4C1E-9A44-2D6F1E0B7A01"});
        assertThat(o.events).isEqualTo(20);
        assertThat(o.requests).isEqualTo(3);
        assertThat(o.caseId).isEqualTo("3f0c2a8e-5b7d-4c1e-9a44-2d6f1e0b7a01");
        assertThat(o.used).containsEntry("db-password", "(given)");
    }
}
