package org.mediationledger.bench;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where the machine's CPU went during a phase, from /proc (Linux only; elsewhere it reports nothing):
 * the whole machine's busy share, and CPU seconds of the processes that make up the system, grouped by
 * their command line. Read-only.
 */
final class CpuSampler {

    private static final double TICKS_PER_SECOND = 100.0; // USER_HZ on Linux

    record Snapshot(long at, long busyTicks, long totalTicks, Map<Long, long[]> processes) {
    }

    /** Per group: cores used on average; plus "machine busy %". */
    record Usage(double seconds, double machineBusyPercent, Map<String, Double> coresByGroup) {
    }

    private final long self = ProcessHandle.current().pid();
    private final boolean available = Files.isReadable(Path.of("/proc/stat"));

    boolean available() {
        return available;
    }

    Snapshot snapshot() {
        long now = System.nanoTime();
        if (!available) {
            return new Snapshot(now, 0, 0, Map.of());
        }
        long busy = 0;
        long total = 0;
        try {
            String cpu = Files.readAllLines(Path.of("/proc/stat")).get(0);
            String[] f = cpu.trim().split("\\s+");
            for (int i = 1; i < f.length && i <= 8; i++) {
                long v = Long.parseLong(f[i]);
                total += v;
                if (i != 4 && i != 5) { // idle, iowait
                    busy += v;
                }
            }
        } catch (IOException | RuntimeException e) {
            return new Snapshot(now, 0, 0, Map.of());
        }
        Map<Long, long[]> processes = new HashMap<>();
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(Path.of("/proc"), p -> p.getFileName().toString().matches("\\d+"))) {
            for (Path dir : dirs) {
                try {
                    String stat = Files.readString(dir.resolve("stat"));
                    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    long ticks = Long.parseLong(f[11]) + Long.parseLong(f[12]); // utime, stime
                    processes.put(Long.parseLong(dir.getFileName().toString()), new long[]{ticks});
                } catch (IOException | RuntimeException e) {
                    // the process ended meanwhile
                }
            }
        } catch (IOException e) {
            // leave the processes out
        }
        return new Snapshot(now, busy, total, processes);
    }

    Usage between(Snapshot a, Snapshot b) {
        double seconds = (b.at() - a.at()) / 1e9;
        Map<String, Double> cores = new LinkedHashMap<>();
        for (String g : new String[]{"command-side", "query-side", "PostgreSQL", "launcher (Kafka)", "benchmark client", "other"}) {
            cores.put(g, 0.0);
        }
        for (Map.Entry<Long, long[]> e : b.processes().entrySet()) {
            long[] before = a.processes().get(e.getKey());
            long ticks = e.getValue()[0] - (before == null ? 0 : before[0]);
            if (ticks <= 0) {
                continue;
            }
            cores.merge(group(e.getKey()), ticks / TICKS_PER_SECOND / seconds, Double::sum);
        }
        long total = b.totalTicks() - a.totalTicks();
        double busy = total <= 0 ? Double.NaN : 100.0 * (b.busyTicks() - a.busyTicks()) / total;
        return new Usage(seconds, busy, cores);
    }

    private String group(long pid) {
        if (pid == self) {
            return "benchmark client";
        }
        String cmd;
        try {
            cmd = Files.readString(Path.of("/proc", Long.toString(pid), "cmdline")).replace('\0', ' ');
        } catch (IOException | RuntimeException e) {
            return "other";
        }
        if (cmd.contains("command-side")) {
            return "command-side";
        }
        if (cmd.contains("query-side")) {
            return "query-side";
        }
        if (cmd.contains("launcher.jar")) {
            return "launcher (Kafka)";
        }
        if (cmd.startsWith("postgres") || cmd.contains("/bin/postgres")) {
            return "PostgreSQL";
        }
        return "other";
    }
}
