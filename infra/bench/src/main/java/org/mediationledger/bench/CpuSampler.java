package org.mediationledger.bench;

import java.io.IOException;
import java.net.URI;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where the machine's CPU went during a phase, from /proc (Linux only; elsewhere it reports nothing):
 * the whole machine's busy share, and CPU seconds of the processes that make up the system. Read-only.
 * <p>
 * The system is found by its ports: the processes listening on the command side's, the query side's and
 * PostgreSQL's port (from the benchmark's URLs), with their descendants, and the launcher as the services'
 * parent. So another system, a test JVM or an embedded database of a build running next to the benchmark
 * counts as "other", however its command line reads. A part whose port no process is seen listening on
 * (another platform, another user's process) is recognised by command line instead, as before.
 */
final class CpuSampler {

    private static final double TICKS_PER_SECOND = 100.0; // USER_HZ on Linux
    private static final Pattern JDBC_PORT = Pattern.compile("^jdbc:postgresql://(?:[^/:]+|\\[[^]]+]):(\\d+)/.*");

    static final String COMMAND_SIDE = "command-side";
    static final String QUERY_SIDE = "query-side";
    static final String POSTGRES = "PostgreSQL";
    static final String LAUNCHER = "launcher (Kafka)";
    static final String CLIENT = "benchmark client";
    static final String OTHER = "other";
    static final List<String> GROUPS = List.of(COMMAND_SIDE, QUERY_SIDE, POSTGRES, LAUNCHER, CLIENT, OTHER);

    record Snapshot(long at, long busyTicks, long totalTicks, Map<Long, long[]> processes) {
    }

    /** Per group: cores used on average; plus "machine busy %". */
    record Usage(double seconds, double machineBusyPercent, Map<String, Double> coresByGroup) {
    }

    /** The processes the system was found by; an empty set where its port showed no listener. */
    record Roots(Set<Long> commandSide, Set<Long> querySide, Set<Long> postgres, Set<Long> launcher) {
        static final Roots NONE = new Roots(Set.of(), Set.of(), Set.of(), Set.of());
    }

    private final long self = ProcessHandle.current().pid();
    private final boolean available = Files.isReadable(Path.of("/proc/stat"));
    private final int commandPort;
    private final int queryPort;
    private final int pgPort;

    CpuSampler(String commandUrl, String queryUrl, String jdbcUrl) {
        this.commandPort = portOf(commandUrl);
        this.queryPort = portOf(queryUrl);
        this.pgPort = jdbcPortOf(jdbcUrl);
    }

    static int portOf(String url) {
        try {
            int port = URI.create(url).getPort();
            return port > 0 ? port : -1;
        } catch (RuntimeException e) {
            return -1;
        }
    }

    static int jdbcPortOf(String jdbcUrl) {
        Matcher m = JDBC_PORT.matcher(jdbcUrl == null ? "" : jdbcUrl);
        return m.matches() ? Integer.parseInt(m.group(1)) : 5432;
    }

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
                    processes.put(Long.parseLong(dir.getFileName().toString()), new long[]{ticks, Long.parseLong(f[1])}); // ppid
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
        for (String g : GROUPS) {
            cores.put(g, 0.0);
        }
        Roots roots = roots(b.processes());
        for (Map.Entry<Long, long[]> e : b.processes().entrySet()) {
            long[] before = a.processes().get(e.getKey());
            long ticks = e.getValue()[0] - (before == null ? 0 : before[0]);
            if (ticks <= 0) {
                continue;
            }
            cores.merge(group(e.getKey(), commandLine(e.getKey()), self, b.processes(), roots),
                    ticks / TICKS_PER_SECOND / seconds, Double::sum);
        }
        long total = b.totalTicks() - a.totalTicks();
        double busy = total <= 0 ? Double.NaN : 100.0 * (b.busyTicks() - a.busyTicks()) / total;
        return new Usage(seconds, busy, cores);
    }

    /**
     * Which part of the system {@code pid} belongs to: a descendant of a root found by its port, or where a
     * part has no such root, by its command line.
     */
    static String group(long pid, String cmd, long self, Map<Long, long[]> processes, Roots roots) {
        if (pid == self) {
            return CLIENT;
        }
        if (roots.commandSide().isEmpty() ? cmd.contains("command-side") : descends(pid, roots.commandSide(), processes)) {
            return COMMAND_SIDE;
        }
        if (roots.querySide().isEmpty() ? cmd.contains("query-side") : descends(pid, roots.querySide(), processes)) {
            return QUERY_SIDE;
        }
        if (roots.launcher().isEmpty() ? cmd.contains("launcher.jar") : roots.launcher().contains(pid)) {
            return LAUNCHER;
        }
        if (roots.postgres().isEmpty() ? cmd.startsWith("postgres") || cmd.contains("/bin/postgres")
                : descends(pid, roots.postgres(), processes)) {
            return POSTGRES;
        }
        return OTHER;
    }

    /** Whether {@code pid} is one of {@code roots} or their descendant (parents as /proc gave them). */
    static boolean descends(long pid, Set<Long> roots, Map<Long, long[]> processes) {
        long p = pid;
        for (int depth = 0; depth < 64 && p > 0; depth++) {
            if (roots.contains(p)) {
                return true;
            }
            long[] v = processes.get(p);
            if (v == null || v.length < 2) {
                return false;
            }
            p = v[1];
        }
        return false;
    }

    /** The processes listening on the system's ports, and the services' parent if it is the launcher. */
    private Roots roots(Map<Long, long[]> processes) {
        Map<Long, Integer> portByInode = listeningSockets(Set.of(commandPort, queryPort, pgPort));
        if (portByInode.isEmpty()) {
            return Roots.NONE;
        }
        Map<Integer, Set<Long>> pidsByPort = new HashMap<>();
        for (Long pid : processes.keySet()) {
            if (pid == self) {
                continue;
            }
            try (DirectoryStream<Path> fds = Files.newDirectoryStream(Path.of("/proc", Long.toString(pid), "fd"))) {
                for (Path fd : fds) {
                    try {
                        String target = Files.readSymbolicLink(fd).toString();
                        if (target.startsWith("socket:[")) {
                            Integer port = portByInode.get(Long.parseLong(target.substring(8, target.length() - 1)));
                            if (port != null) {
                                pidsByPort.computeIfAbsent(port, k -> new HashSet<>()).add(pid);
                            }
                        }
                    } catch (IOException | RuntimeException e) {
                        // closed meanwhile
                    }
                }
            } catch (IOException | RuntimeException e) {
                // not ours to read, or ended
            }
        }
        Set<Long> command = pidsByPort.getOrDefault(commandPort, Set.of());
        Set<Long> query = pidsByPort.getOrDefault(queryPort, Set.of());
        Set<Long> launcher = new HashSet<>();
        for (Long service : union(command, query)) {
            long[] v = processes.get(service);
            if (v != null && v.length > 1 && commandLine(v[1]).contains("launcher.jar")) {
                launcher.add(v[1]);
            }
        }
        // the postmaster listens; its backends inherit the socket too, but they descend from it anyway
        return new Roots(command, query, pidsByPort.getOrDefault(pgPort, Set.of()), launcher);
    }

    private static Set<Long> union(Set<Long> a, Set<Long> b) {
        Set<Long> u = new HashSet<>(a);
        u.addAll(b);
        return u;
    }

    /** Inodes of the sockets listening (TCP state 0A) on any of {@code ports}, IPv4 and IPv6. */
    private static Map<Long, Integer> listeningSockets(Set<Integer> ports) {
        Map<Long, Integer> found = new HashMap<>();
        for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
            try {
                for (String line : Files.readAllLines(Path.of(table))) {
                    Map.Entry<Long, Integer> e = listening(line, ports);
                    if (e != null) {
                        found.put(e.getKey(), e.getValue());
                    }
                }
            } catch (IOException | RuntimeException e) {
                // no such table here
            }
        }
        return found;
    }

    /** One line of /proc/net/tcp[6]: its socket's inode and port, if it listens on one of {@code ports}. */
    static Map.Entry<Long, Integer> listening(String line, Set<Integer> ports) {
        String[] f = line.trim().split("\\s+");
        if (f.length < 10 || !f[3].equals("0A") || !f[1].contains(":")) {
            return null;
        }
        try {
            int port = Integer.parseInt(f[1].substring(f[1].indexOf(':') + 1), 16);
            long inode = Long.parseLong(f[9]);
            return ports.contains(port) && inode > 0 ? Map.entry(inode, port) : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static String commandLine(long pid) {
        try {
            return Files.readString(Path.of("/proc", Long.toString(pid), "cmdline")).replace('\0', ' ');
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }
}
