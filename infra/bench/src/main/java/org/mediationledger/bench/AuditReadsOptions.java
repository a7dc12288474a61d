package org.mediationledger.bench;

import org.slf4j.LoggerFactory;

import java.util.Set;
import java.util.UUID;

/** Command-line options of {@link AuditReads}; defaults as {@link Options}. */
final class AuditReadsOptions extends Args {

    final String commandUrl;
    final String queryUrl;
    final String jdbcUrl;
    final String dbUser;
    final String dbPassword;
    final String password;
    final String caseId;
    final String lawyer;
    final int events;
    final int sessionPercent;
    final int warmupRequests;
    final int requests;
    final int maxSeconds;
    final int setupSeconds;
    final int viewTimeoutSeconds;
    final String report;

    AuditReadsOptions(String[] args) {
        super(args, Set.of("help"));
        if (helpAsked()) {
            LoggerFactory.getLogger(AuditReadsOptions.class).info(usage());
            System.exit(0);
        }
        commandUrl = str("command-url", "http://localhost:" + env("ML_COMMAND_PORT", "8081"));
        queryUrl = str("query-url", "http://localhost:" + env("ML_QUERY_PORT", "8082"));
        jdbcUrl = str("jdbc-url", "jdbc:postgresql://localhost:" + env("ML_PG_PORT", "15432") + "/mediation_ledger");
        dbUser = str("db-user", "postgres");
        dbPassword = secret("db-password", "postgres");
        password = secret("password", env("ML_DEMO_PASSWORD", "demo"));
        caseId = UUID.fromString(str("case-id", UUID.randomUUID().toString())).toString();
        lawyer = str("lawyer", "lawyer1");
        if (!lawyer.matches("lawyer([1-9]|1[0-9]|20)")) {
            throw new IllegalArgumentException("--lawyer must be one of the demo accounts lawyer1..lawyer20, not " + lawyer);
        }
        events = num("events", 1000, 3, 20_000);
        sessionPercent = num("session-percent", 50, 0, 100);
        warmupRequests = num("warmup-requests", 10, 0, 1000);
        requests = num("requests", 50, 1, 10_000);
        maxSeconds = num("max-seconds", 300, 1, 3600);
        setupSeconds = num("setup-seconds", 900, 10, 7200);
        viewTimeoutSeconds = num("view-timeout-seconds", 120, 1, 3600);
        report = str("report", "");
        rejectUnknown(usage());
        requireLoopbackUrl(commandUrl, "--command-url");
        requireLoopbackUrl(queryUrl, "--query-url");
        requireLoopbackJdbc(jdbcUrl);
    }

    static String usage() {
        return """
                java -jar infra/bench/target/bench.jar audit-reads [options]   (against an already running system, loopback only)
                  Builds one case of --events events, then times the auditor's reads of it one request at a time.
                  --command-url URL        default http://localhost:$ML_COMMAND_PORT (8081)
                  --query-url URL          default http://localhost:$ML_QUERY_PORT (8082)
                  --jdbc-url URL           default jdbc:postgresql://localhost:$ML_PG_PORT (15432)/mediation_ledger
                                           (read-only: PostgreSQL's counters around each measured series)
                  --db-user U --db-password P   default postgres / postgres
                  --password P             demo accounts' password, default $ML_DEMO_PASSWORD or demo
                  --case-id UUID           the case built, default a random one
                  --lawyer L               its mediator, who records the events, default lawyer1
                  --events N               events of the case in all (intake and assignment included), default 1000
                  --session-percent P      share of mediation sessions among the added events (the rest payments), default 50
                  --warmup-requests N      untimed requests per read before the timed ones, default 10
                  --requests N             timed requests per read, default 50
                  --max-seconds S          a read's warm-up and timed requests stop after this, default 300
                  --setup-seconds S        building the case stops after this, default 900
                  --view-timeout-seconds S waiting for the query side to show the whole case, default 120
                  --report FILE            also write the Markdown report there
                """;
    }
}
