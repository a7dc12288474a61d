package org.mediationledger.infra.launcher;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running service: a child process writing stdout and stderr straight into its log file (so the
 * file is complete even if the launcher dies, and nothing is lost in a pipe at exit), followed by
 * a thread that echoes new lines to the console through the logger {@code service.<name>}.
 */
public final class ServiceProcess {

    private static final Logger log = LoggerFactory.getLogger(ServiceProcess.class);
    private static final int TAIL_LINES = 40;
    private static final int TAIL_BYTES = 64 * 1024;

    private final ServiceSpec spec;
    private final Process process;
    /**
     * The process's exit, asked for once. Every {@code Process.onExit()} call adds a stage that, on this
     * 2-core machine (common pool of parallelism 1), starts a thread of its own when the process ends:
     * polling {@code onExit()} ten times a second left tens of thousands of threads at a stop.
     */
    private final CompletableFuture<Process> exit;
    private final Logger echo;
    private final Thread follower;

    private ServiceProcess(ServiceSpec spec, Process process) {
        this.spec = spec;
        this.process = process;
        this.exit = process.onExit();
        this.echo = LoggerFactory.getLogger("service." + spec.name());
        this.follower = new Thread(this::follow, spec.name() + "-log");
        this.follower.setDaemon(true);
        this.follower.start();
    }

    /** Starts the process; the previous run's log is kept as {@code <log>.1}. */
    static ServiceProcess start(ServiceSpec spec) {
        try {
            Files.createDirectories(spec.logFile().toAbsolutePath().getParent());
            if (Files.exists(spec.logFile())) {
                Files.move(spec.logFile(), spec.logFile().resolveSibling(spec.logFile().getFileName() + ".1"),
                        StandardCopyOption.REPLACE_EXISTING);
            }
            Files.createFile(spec.logFile());
            ProcessBuilder builder = new ProcessBuilder(spec.command())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(spec.logFile().toFile()))
                    .redirectInput(ProcessBuilder.Redirect.from(nullDevice()));
            builder.environment().putAll(spec.environment());
            Process process = builder.start();
            log.info("started {} (pid {}), log {}", spec.name(), process.pid(), spec.logFile());
            return new ServiceProcess(spec, process);
        } catch (IOException e) {
            throw new UncheckedIOException("could not start " + spec.name() + ": " + spec.command(), e);
        }
    }

    public ServiceSpec spec() {
        return spec;
    }

    public String name() {
        return spec.name();
    }

    /** Completes when the process has exited; the same future every time. */
    public CompletableFuture<Process> exit() {
        return exit;
    }

    public Process process() {
        return process;
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** The last lines of the log file (up to 40). */
    public List<String> tail() {
        try (RandomAccessFile file = new RandomAccessFile(spec.logFile().toFile(), "r")) {
            long start = Math.max(0, file.length() - TAIL_BYTES);
            byte[] bytes = new byte[(int) (file.length() - start)];
            file.seek(start);
            file.readFully(bytes);
            List<String> lines = Arrays.asList(new String(bytes, StandardCharsets.UTF_8).split("\\R"));
            return List.copyOf(lines.subList(Math.max(0, lines.size() - TAIL_LINES), lines.size()));
        } catch (IOException e) {
            return List.of("(could not read " + spec.logFile() + ": " + e.getMessage() + ")");
        }
    }

    /** Waits until the console echo has caught up with an exited process. */
    void awaitOutput(Duration timeout) {
        try {
            follower.join(timeout.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * SIGTERM (Spring Boot shuts down gracefully on it), then SIGKILL if it has not exited within
     * {@code grace}. Returns once the process is gone.
     */
    void stop(Duration grace) {
        process.destroy();
        try {
            if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                log.warn("{} did not stop within {} s, killing it", name(), grace.toSeconds());
                process.destroyForcibly();
                process.waitFor();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
        awaitOutput(Duration.ofSeconds(2));
        log.info("{} stopped (exit code {})", name(), process.exitValue());
    }

    /** Echoes the log file's lines as they are written, until the process exited and all is read. */
    private void follow() {
        try (InputStream in = Files.newInputStream(spec.logFile())) {
            ByteArrayOutputStream line = new ByteArrayOutputStream();
            byte[] buffer = new byte[8192];
            while (true) {
                boolean exited = !process.isAlive(); // checked before reading: nothing comes after
                int n = in.read(buffer);
                for (int i = 0; i < n; i++) {
                    if (buffer[i] == '\n') {
                        emit(line);
                    } else {
                        line.write(buffer[i]);
                    }
                }
                if (n <= 0) {
                    if (exited) {
                        emit(line);
                        return;
                    }
                    waitForMoreOutput();
                }
            }
        } catch (IOException e) {
            log.warn("stopped echoing {}: {}", spec.logFile(), e.getMessage());
        }
    }

    private void emit(ByteArrayOutputStream line) {
        if (line.size() > 0) {
            echo.info("{}", line.toString(StandardCharsets.UTF_8).stripTrailing());
            line.reset();
        }
    }

    /** Polls the file every 100 ms, or less when the process exits meanwhile. */
    private void waitForMoreOutput() {
        try {
            exit.get(100, TimeUnit.MILLISECONDS);
        } catch (TimeoutException | ExecutionException e) {
            // poll again
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static java.io.File nullDevice() {
        return new java.io.File(System.getProperty("os.name").startsWith("Windows") ? "NUL" : "/dev/null");
    }
}
