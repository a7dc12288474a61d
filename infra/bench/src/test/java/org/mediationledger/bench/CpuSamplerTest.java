package org.mediationledger.bench;

import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** Which process counts as which part of the system; no time is measured. */
class CpuSamplerTest {

    // pid -> {ticks, ppid}: our launcher (10) with its services (11, 12); our postmaster (20), re-parented to
    // init, with a backend (21); another system next door, started the same way (30, 31, 32; postmaster 40, 41)
    private final Map<Long, long[]> processes = Map.ofEntries(
            Map.entry(10L, new long[]{0, 1}), Map.entry(11L, new long[]{0, 10}), Map.entry(12L, new long[]{0, 10}),
            Map.entry(20L, new long[]{0, 1}), Map.entry(21L, new long[]{0, 20}),
            Map.entry(30L, new long[]{0, 1}), Map.entry(31L, new long[]{0, 30}), Map.entry(32L, new long[]{0, 30}),
            Map.entry(40L, new long[]{0, 1}), Map.entry(41L, new long[]{0, 40}),
            Map.entry(99L, new long[]{0, 1}));
    private final CpuSampler.Roots ours = new CpuSampler.Roots(Set.of(11L), Set.of(12L), Set.of(20L), Set.of(10L));

    private String group(long pid, String cmd) {
        return CpuSampler.group(pid, cmd, 99, processes, ours);
    }

    @Test
    void theSystemIsTheProcessesOnItsPortsAndTheirDescendants() {
        assertThat(group(10, "java -jar infra/launcher/target/launcher.jar ")).isEqualTo("launcher (Kafka)");
        assertThat(group(11, "java -jar /work/wt-bench/command-side/target/command-side-0.1.0-SNAPSHOT-exec.jar ")).isEqualTo("command-side");
        assertThat(group(12, "java -jar /work/wt-bench/query-side/target/query-side-0.1.0-SNAPSHOT-exec.jar ")).isEqualTo("query-side");
        assertThat(group(20, "/tmp/embedded-pg/PG-1/bin/postgres -D /tmp/mlbench/postgres -p 15432 -F ")).isEqualTo("PostgreSQL");
        assertThat(group(21, "postgres: postgres mediation_ledger 127.0.0.1(32914) idle ")).isEqualTo("PostgreSQL");
        assertThat(group(99, "java -jar infra/bench/target/bench.jar audit-reads ")).isEqualTo("benchmark client");
    }

    @Test
    void anotherSystemOrBuildOnTheMachineIsOther() {
        assertThat(group(30, "java -jar infra/launcher/target/launcher.jar ")).isEqualTo("other");
        assertThat(group(31, "java -jar /work/main/command-side/target/command-side-0.1.0-SNAPSHOT-exec.jar ")).isEqualTo("other");
        assertThat(group(32, "java -jar /work/main/query-side/target/surefire/surefirebooter-1.jar ")).isEqualTo("other");
        assertThat(group(40, "/tmp/embedded-pg/PG-1/bin/postgres -D /tmp/query-side-test1/postgres -p 18120 -F ")).isEqualTo("other");
        assertThat(group(41, "postgres: postgres mediation_ledger 127.0.0.1(40000) idle ")).isEqualTo("other");
    }

    @Test
    void withoutListenersTheCommandLineDecides() {
        CpuSampler.Roots none = CpuSampler.Roots.NONE;
        assertThat(CpuSampler.group(31, "java -jar command-side-0.1.0-SNAPSHOT-exec.jar ", 99, processes, none)).isEqualTo("command-side");
        assertThat(CpuSampler.group(30, "java -jar infra/launcher/target/launcher.jar ", 99, processes, none)).isEqualTo("launcher (Kafka)");
        assertThat(CpuSampler.group(41, "postgres: postgres x 127.0.0.1(1) idle ", 99, processes, none)).isEqualTo("PostgreSQL");
        assertThat(CpuSampler.group(50, "sshd ", 99, processes, none)).isEqualTo("other");
    }

    @Test
    void listeningSocketsAndPortsAreRead() {
        String header = "  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode";
        String listening = "   1: 0100007F:1F92 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 178522 1 0 100 0 0 10 0";
        String connected = "   2: 0100007F:1F92 0100007F:D2C4 01 00000000:00000000 00:00000000 00000000     0        0 178600 1 0 20 4 30 10 -1";
        String v6 = "   0: 00000000000000000000000000000000:3C30 00000000000000000000000000000000:0000 0A 00000000:00000000 "
                + "00:00000000 00000000     0        0 1234 1 0 100 0 0 10 0";
        assertThat(CpuSampler.listening(header, Set.of(8082))).isNull();
        assertThat(CpuSampler.listening(listening, Set.of(8082))).isEqualTo(Map.entry(178522L, 8082));
        assertThat(CpuSampler.listening(listening, Set.of(8081))).isNull();
        assertThat(CpuSampler.listening(connected, Set.of(8082))).isNull();
        assertThat(CpuSampler.listening(v6, Set.of(15408))).isEqualTo(Map.entry(1234L, 15408));
        assertThat(CpuSampler.portOf("http://localhost:8081")).isEqualTo(8081);
        assertThat(CpuSampler.jdbcPortOf("jdbc:postgresql://localhost:15432/mediation_ledger")).isEqualTo(15432);
        assertThat(CpuSampler.jdbcPortOf("jdbc:postgresql://[::1]:25432/x")).isEqualTo(25432);
        assertThat(CpuSampler.jdbcPortOf("jdbc:postgresql://localhost/x")).isEqualTo(5432);
    }
}
