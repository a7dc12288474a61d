package org.mediationledger.bench;

import java.net.URI;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What every benchmark's options share: {@code --name value} or {@code --name=value}, defaults from the
 * launcher's environment variables, the record of what was used (for the report), and the rule that a
 * benchmark only ever targets this machine.
 */
abstract class Args {

    private static final Set<String> LOOPBACK = Set.of("localhost", "127.0.0.1", "::1", "[::1]");
    private static final Pattern JDBC_HOST = Pattern.compile("^jdbc:postgresql://([^/:]+|\\[[^]]+])(?::\\d+)?/.*");

    private final Map<String, String> given = new HashMap<>();
    /** What was used, in order, for the report. */
    final Map<String, String> used = new LinkedHashMap<>();

    /** @param flags options that take no value (present means true) */
    Args(String[] args, Set<String> flags) {
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (!a.startsWith("--")) {
                throw new IllegalArgumentException("unexpected argument " + a);
            }
            String name = a.substring(2);
            String value;
            int eq = name.indexOf('=');
            if (eq >= 0) {
                value = name.substring(eq + 1);
                name = name.substring(0, eq);
            } else if (flags.contains(name)) {
                value = "true";
            } else if (i + 1 < args.length) {
                value = args[++i];
            } else {
                throw new IllegalArgumentException("--" + name + " needs a value");
            }
            given.put(name, value);
        }
    }

    final boolean helpAsked() {
        return given.containsKey("help");
    }

    /** After every option was read: any other name given is a mistake. */
    final void rejectUnknown(String usage) {
        for (String name : given.keySet()) {
            if (!used.containsKey(name)) {
                throw new IllegalArgumentException("unknown option --" + name + "\n" + usage);
            }
        }
    }

    /** The benchmark floods what it is pointed at: only ever this machine. */
    static void requireLoopback(String host, String option) {
        if (host == null || !LOOPBACK.contains(host.toLowerCase())) {
            throw new IllegalArgumentException(option + " must point at this machine (localhost, 127.0.0.1 or ::1), not " + host);
        }
    }

    static void requireLoopbackUrl(String url, String option) {
        requireLoopback(URI.create(url).getHost(), option);
    }

    static void requireLoopbackJdbc(String jdbcUrl) {
        Matcher m = JDBC_HOST.matcher(jdbcUrl);
        if (!m.matches()) {
            throw new IllegalArgumentException("--jdbc-url must look like jdbc:postgresql://localhost:15432/mediation_ledger");
        }
        requireLoopback(m.group(1), "--jdbc-url");
    }

    static String env(String name, String fallback) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? fallback : v;
    }

    final String str(String name, String fallback) {
        String v = given.getOrDefault(name, fallback);
        used.put(name, v);
        return v;
    }

    final String secret(String name, String fallback) {
        String v = given.getOrDefault(name, fallback);
        used.put(name, "(given)");
        return v;
    }

    final int num(String name, int fallback, int min, int max) {
        int v = Integer.parseInt(str(name, Integer.toString(fallback)));
        if (v < min || v > max) {
            throw new IllegalArgumentException("--" + name + " must be in " + min + ".." + max + ", not " + v);
        }
        return v;
    }
}
