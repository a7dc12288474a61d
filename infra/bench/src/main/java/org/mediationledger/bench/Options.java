package org.mediationledger.bench;

import org.slf4j.LoggerFactory;

import java.util.Set;

/**
 * Command-line options of {@link CommandThroughput} ({@code --name value} or {@code --name=value}), defaulting
 * to the launcher's environment variables and then to the embedded defaults (docs/running.md).
 */
final class Options extends Args {

    final String commandUrl;
    final String queryUrl;
    final String jdbcUrl;
    final String dbUser;
    final String dbPassword;
    final String password;
    final int threads;
    final int pgSeconds;
    final int pgThreads;
    final int warmupSeconds;
    final int peakSeconds;
    final int halfSeconds;
    final int viewSeconds;
    final int cases;
    final int lawyers;
    final int intakePercent;
    final boolean idempotencyKeys;
    final int viewSampleEvery;
    final int viewPollMillis;
    final int viewPollMaxMillis;
    final int viewPollers;
    final int viewTimeoutMillis;
    final String report;

    Options(String[] args) {
        super(args, Set.of("idempotency-keys", "help"));
        if (helpAsked()) {
            LoggerFactory.getLogger(Options.class).info(usage());
            System.exit(0);
        }
        commandUrl = str("command-url", "http://localhost:" + env("ML_COMMAND_PORT", "8081"));
        queryUrl = str("query-url", "http://localhost:" + env("ML_QUERY_PORT", "8082"));
        jdbcUrl = str("jdbc-url", "jdbc:postgresql://localhost:" + env("ML_PG_PORT", "15432") + "/mediation_ledger");
        dbUser = str("db-user", "postgres");
        dbPassword = secret("db-password", "postgres");
        password = secret("password", env("ML_DEMO_PASSWORD", "demo"));
        threads = num("threads", 16, 1, 256);
        pgThreads = num("pg-threads", 16, 1, 256);
        pgSeconds = num("pg-seconds", 15, 1, 600);
        warmupSeconds = num("warmup-seconds", 5, 0, 600);
        peakSeconds = num("seconds", 30, 1, 600);
        halfSeconds = num("half-seconds", 30, 1, 600);
        viewSeconds = num("view-seconds", 30, 1, 600);
        cases = num("cases", 2000, 1, 100_000);
        lawyers = num("lawyers", 20, 1, 20);
        intakePercent = num("intake-percent", 10, 0, 100);
        idempotencyKeys = Boolean.parseBoolean(str("idempotency-keys", "false"));
        viewSampleEvery = num("view-sample-every", 10, 1, 1_000_000);
        viewPollMillis = num("view-poll-millis", 5, 1, 1000);
        viewPollMaxMillis = num("view-poll-max-millis", 50, 1, 1000);
        viewPollers = num("view-pollers", 8, 1, 64);
        viewTimeoutMillis = num("view-timeout-millis", 10_000, 100, 120_000);
        report = str("report", "");
        rejectUnknown(usage());
        requireLoopbackUrl(commandUrl, "--command-url");
        requireLoopbackUrl(queryUrl, "--query-url");
        requireLoopbackJdbc(jdbcUrl);
    }

    static String usage() {
        return """
                java -jar infra/bench/target/bench.jar [command-throughput] [options]   (against an already running system, loopback only)
                  (the other benchmark: java -jar infra/bench/target/bench.jar audit-reads --help)
                  --command-url URL        default http://localhost:$ML_COMMAND_PORT (8081)
                  --query-url URL          default http://localhost:$ML_QUERY_PORT (8082)
                  --jdbc-url URL           default jdbc:postgresql://localhost:$ML_PG_PORT (15432)/mediation_ledger
                  --db-user U --db-password P   default postgres / postgres
                  --password P             demo accounts' password, default $ML_DEMO_PASSWORD or demo
                  --threads N              HTTP client threads, default 16
                  --pg-threads N           PostgreSQL ceiling threads, default 16
                  --pg-seconds S           PostgreSQL ceiling duration, default 15
                  --warmup-seconds S       default 5
                  --seconds S              closed-loop peak phase, default 30
                  --half-seconds S         open-loop phase at half the peak, default 30
                  --view-seconds S         command-to-view phase at half the peak, default 30
                  --cases N                cases set up for payments, default 2000
                  --lawyers N              lawyers (lawyer1..lawyerN) set up, default 20
                  --intake-percent P       share of intakes in the mix, default 10
                  --idempotency-keys       send an Idempotency-Key with every command
                  --view-sample-every N    follow every Nth payment into the view, default 10
                  --view-poll-millis MS    first pause between polls of the case file, default 5
                  --view-poll-max-millis MS  the pause doubles after each miss up to this, default 50
                  --view-pollers N         concurrent followed payments at most, default 8
                  --view-timeout-millis MS a payment not visible by then counts as a timeout, default 10000
                  --report FILE            also write the Markdown report there
                """;
    }
}
