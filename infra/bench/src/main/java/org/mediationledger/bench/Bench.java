package org.mediationledger.bench;

import org.slf4j.LoggerFactory;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The jar's main class: {@code java -jar bench.jar [benchmark] [options]}. A first argument that is not an
 * option names the benchmark; without one it is {@code command-throughput}, so the command lines of
 * docs/benchmarks/commands.md still run as they did.
 */
public final class Bench {

    interface Main {
        void run(String[] args) throws Exception;
    }

    record Selection(String name, Main main, String[] args) {
    }

    static final String DEFAULT = "command-throughput";
    static final Map<String, Main> BENCHMARKS = new LinkedHashMap<>();

    static {
        BENCHMARKS.put(DEFAULT, CommandThroughput::main);
        BENCHMARKS.put("audit-reads", AuditReads::main);
    }

    private Bench() {
    }

    public static void main(String[] args) throws Exception {
        Selection s;
        try {
            s = select(args);
        } catch (IllegalArgumentException e) {
            LoggerFactory.getLogger(Bench.class).error(e.getMessage());
            System.exit(2);
            return;
        }
        s.main().run(s.args());
    }

    static Selection select(String[] args) {
        if (args.length == 0 || args[0].startsWith("-")) {
            return new Selection(DEFAULT, BENCHMARKS.get(DEFAULT), args);
        }
        Main main = BENCHMARKS.get(args[0]);
        if (main == null) {
            throw new IllegalArgumentException("no benchmark named " + args[0] + "; there are " + String.join(", ", BENCHMARKS.keySet())
                    + " (java -jar bench.jar NAME --help)");
        }
        return new Selection(args[0], main, Arrays.copyOfRange(args, 1, args.length));
    }
}
