package org.mediationledger.infra.launcher;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Owns everything the launcher started and stops it in one place, in a fixed order: the service
 * processes first (they still need the database and the broker while shutting down), then the
 * managed resources in reverse order of registration (Kafka, then PostgreSQL).
 */
public final class Supervisor implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Supervisor.class);
    private static final Duration POLL = Duration.ofMillis(250);

    private final Duration stopGrace;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
    private final Deque<Managed> resources = new ArrayDeque<>();
    private final List<ServiceProcess> services = new ArrayList<>();
    private volatile boolean closing;

    private record Managed(String name, AutoCloseable resource) {
    }

    public Supervisor(Duration stopGrace) {
        this.stopGrace = stopGrace;
    }

    /** Registers a resource to close after the services, in reverse order of registration. */
    public synchronized <T extends AutoCloseable> T manage(String name, T resource) {
        resources.push(new Managed(name, resource));
        return resource;
    }

    public synchronized ServiceProcess start(ServiceSpec spec) {
        if (closing) {
            throw new IllegalStateException("shutting down");
        }
        ServiceProcess service = ServiceProcess.start(spec);
        services.add(service);
        return service;
    }

    public synchronized List<ServiceProcess> services() {
        return List.copyOf(services);
    }

    public boolean isClosing() {
        return closing;
    }

    /**
     * Polls every service's health URI until each answered 200. Fails as soon as one exits, or when
     * {@code timeout} has passed, with the end of that service's output in the message.
     */
    public void awaitHealthy(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        Set<ServiceProcess> waiting = new LinkedHashSet<>(services());
        long begin = System.nanoTime();
        while (!waiting.isEmpty()) {
            for (var it = waiting.iterator(); it.hasNext(); ) {
                ServiceProcess service = it.next();
                if (!service.isAlive()) {
                    service.awaitOutput(Duration.ofSeconds(2));
                    throw new IllegalStateException(service.name() + " exited with code "
                            + service.process().exitValue() + " before it became healthy" + tail(service));
                }
                if (healthy(service)) {
                    log.info("{} is healthy after {} ms", service.name(),
                            TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - begin));
                    it.remove();
                }
            }
            if (waiting.isEmpty()) {
                return;
            }
            ServiceProcess first = waiting.iterator().next();
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(first.name() + " did not become healthy at "
                        + first.spec().healthUri() + " within " + timeout.toSeconds() + " s" + tail(first));
            }
            pause(first);
        }
    }

    /** Blocks until any service process exits; returns it. */
    public ServiceProcess awaitAnyExit() {
        List<ServiceProcess> running = services();
        CompletableFuture<?>[] exits = running.stream().map(ServiceProcess::exit).toArray(CompletableFuture[]::new);
        CompletableFuture.anyOf(exits).join();
        return running.stream().filter(s -> !s.isAlive()).findFirst().orElseThrow();
    }

    /**
     * Stops the services (all at once, each SIGTERM then SIGKILL after the grace period), then the
     * managed resources. Safe to call more than once and from the shutdown hook.
     */
    @Override
    public void close() {
        List<ServiceProcess> toStop;
        List<Managed> toClose = new ArrayList<>();
        synchronized (this) {
            if (closing) {
                return;
            }
            closing = true;
            toStop = List.copyOf(services);
            while (!resources.isEmpty()) {
                toClose.add(resources.pop());
            }
        }
        log.info("shutting down");
        // signal all first so they shut down in parallel, then wait for each
        toStop.forEach(s -> s.process().destroy());
        toStop.forEach(s -> s.stop(stopGrace));
        for (Managed m : toClose) {
            try {
                m.resource().close();
            } catch (Exception e) {
                log.error("{} did not close cleanly", m.name(), e);
            }
        }
        log.info("shut down");
    }

    private boolean healthy(ServiceProcess service) {
        HttpRequest request = HttpRequest.newBuilder(service.spec().healthUri())
                .timeout(Duration.ofSeconds(2)).GET().build();
        try {
            return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false; // not listening yet
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for " + service.name(), e);
        }
    }

    /** Waits one poll interval, returning early if the process exits meanwhile. */
    private static void pause(ServiceProcess service) {
        try {
            service.exit().get(POLL.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException | ExecutionException e) {
            // interval over: poll again
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for " + service.name(), e);
        }
    }

    private static String tail(ServiceProcess service) {
        return "; its log is " + service.spec().logFile() + ", last lines:\n  "
                + String.join("\n  ", service.tail());
    }
}
