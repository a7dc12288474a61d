package org.mediationledger.bench;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What the benchmark sends and where it may send it. Nothing here measures time (docs/decisions/0008-benchmarks.md). */
class WorkloadTest {

    @Test
    void idNumbers_carryTheGb11643CheckDigit() {
        // the README's example worker: 11010519491231002 + X
        String readme = "11010519491231002";
        int[] weights = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
        int sum = 0;
        for (int k = 0; k < 17; k++) {
            sum += (readme.charAt(k) - '0') * weights[k];
        }
        assertThat("10X98765432".charAt(sum % 11)).isEqualTo('X');
        assertThat(Workload.idNumber(0)).startsWith("37020319900101000").hasSize(18);
        assertThat(Workload.idNumber(Workload.WORKERS - 1)).hasSize(18);
    }

    @Test
    void payments_areSmallAndTheirDatesLieInThePast() {
        Workload w = new Workload(0, true);
        w.payable(java.util.List.of(new Workload.PayableCase("3f0c2a8e-5b7d-4c1e-9a44-2d6f1e0b7a01", "lawyer3")));
        Workload.Op op = w.next();
        assertThat(op.kind()).isEqualTo(Workload.Kind.PAYMENT);
        assertThat(op.user()).isEqualTo("lawyer3");
        assertThat(op.path()).isEqualTo("/api/cases/3f0c2a8e-5b7d-4c1e-9a44-2d6f1e0b7a01/payments");
        assertThat(op.json()).contains("\"paidOn\":\"" + w.paidOn + "\"", "\"source\":\"EMPLOYER_VOLUNTARY\"");
        assertThat(op.idempotencyKey()).isNotNull();
        assertThat(w.paidOn).isBefore(w.today);
        assertThat(w.appliedOn).isBefore(w.receivedOn);
    }

    @Test
    void aCommandAnswersVersionIsRead() {
        assertThat(Http.version("{\"caseId\":\"x\",\"version\":17}")).isEqualTo(17);
        assertThat(Http.version("{\"caseId\":\"x\"}")).isEqualTo(-1);
    }

    @Test
    void onlyThisMachineIsEverTheTarget() {
        assertThatThrownBy(() -> new Options(new String[]{"--command-url", "http://example.org:8081"}))
                .hasMessageContaining("--command-url must point at this machine");
        assertThatThrownBy(() -> new Options(new String[]{"--jdbc-url", "jdbc:postgresql://db.example:5432/x"}))
                .hasMessageContaining("--jdbc-url must point at this machine");
        assertThat(new Options(new String[]{"--query-url=http://127.0.0.1:18082", "--threads", "4"}).threads).isEqualTo(4);
        assertThatThrownBy(() -> new Options(new String[]{"--thread", "4"})).hasMessageContaining("unknown option --thread");
    }
}
