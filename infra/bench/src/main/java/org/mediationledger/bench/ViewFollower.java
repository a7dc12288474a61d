package org.mediationledger.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.HdrHistogram.Histogram;

import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Follows a sample of successful payments into the views: polls the case file ({@code auditor}) until its
 * {@code version} reaches the version the command answered (docs/projection-position.md, "see your own
 * write"), and records how long after the command's answer that was. The delay recorded is an upper
 * bound: the moment the poll that first showed it returned, so it includes up to one pause plus one GET.
 * The pause starts short and doubles after each miss up to a cap, so that a lagging view is not buried
 * under polls (which would make the lag feed itself).
 */
final class ViewFollower {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Http http;
    private final int sampleEvery;
    private final long pollMillis;
    private final long pollMaxMillis;
    private final long timeoutNanos;
    private final ThreadPoolExecutor pool;
    private final AtomicLong seen = new AtomicLong();
    final AtomicLong followed = new AtomicLong();
    final AtomicLong skipped = new AtomicLong();
    final AtomicLong timeouts = new AtomicLong();
    final AtomicLong polls = new AtomicLong();
    final AtomicLong pollErrors = new AtomicLong();
    /** From the command's answer to the first poll that showed it, in microseconds. */
    final Histogram fromAnswer = new Histogram(TimeUnit.SECONDS.toMicros(300), 3);
    /** How long one poll (a GET of the case file) took: the resolution of the delays above. */
    final Histogram pollTime = new Histogram(TimeUnit.SECONDS.toMicros(300), 3);
    /** From the command's sending to the same moment. */
    final Histogram fromSend = new Histogram(TimeUnit.SECONDS.toMicros(300), 3);

    ViewFollower(Http http, int sampleEvery, int pollMillis, int pollMaxMillis, int timeoutMillis, int pollers) {
        this.http = http;
        this.sampleEvery = sampleEvery;
        this.pollMillis = pollMillis;
        this.pollMaxMillis = Math.max(pollMillis, pollMaxMillis);
        this.timeoutNanos = TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        this.pool = new ThreadPoolExecutor(pollers, pollers, 1, TimeUnit.SECONDS, new SynchronousQueue<>(),
                r -> {
                    Thread t = new Thread(r, "view-follower");
                    t.setDaemon(true);
                    return t;
                });
    }

    /** Called for every successful payment; follows one in {@code sampleEvery} (if a poller is free). */
    void offer(String caseId, long version, long sentAt, long answeredAt) {
        if (version < 0 || seen.incrementAndGet() % sampleEvery != 0) {
            return;
        }
        try {
            pool.execute(() -> follow(caseId, version, sentAt, answeredAt));
        } catch (RejectedExecutionException e) {
            skipped.incrementAndGet();
        }
    }

    /** Follows one write outside any sampling (probes after a phase); returns ms until visible, or -1. */
    long followNow(String caseId, long version, long answeredAt) {
        return follow(caseId, version, answeredAt, answeredAt, false);
    }

    private void follow(String caseId, long version, long sentAt, long answeredAt) {
        follow(caseId, version, sentAt, answeredAt, true);
    }

    private long follow(String caseId, long version, long sentAt, long answeredAt, boolean record) {
        long deadline = answeredAt + timeoutNanos;
        long maxPolls = timeoutNanos / TimeUnit.MILLISECONDS.toNanos(pollMillis) + 100;
        long pause = pollMillis;
        for (long n = 0; n < maxPolls; n++) {
            long asked = System.nanoTime();
            Http.Answer a = http.view("/api/cases/" + caseId, "auditor");
            long now = System.nanoTime();
            polls.incrementAndGet();
            if (record) {
                synchronized (this) {
                    pollTime.recordValue(clamp(pollTime, now - asked));
                }
            }
            if (a.status() == 200 && version(a.body()) >= version) {
                if (record) {
                    followed.incrementAndGet();
                    synchronized (this) {
                        fromAnswer.recordValue(clamp(fromAnswer, now - answeredAt));
                        fromSend.recordValue(clamp(fromSend, now - sentAt));
                    }
                }
                return TimeUnit.NANOSECONDS.toMillis(now - answeredAt);
            }
            if (a.status() != 200 && a.status() != 404) {
                pollErrors.incrementAndGet();
            }
            if (now >= deadline) {
                break;
            }
            try {
                Thread.sleep(pause);
                // back off while the view lags, so that the polling does not itself become the query side's load
                pause = Math.min(pause * 2, pollMaxMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        if (record) {
            timeouts.incrementAndGet();
        }
        return -1;
    }

    private static long clamp(Histogram h, long nanos) {
        return Math.min(TimeUnit.NANOSECONDS.toMicros(nanos), h.getHighestTrackableValue());
    }

    private static long version(String body) {
        try {
            JsonNode n = JSON.readTree(body);
            return n.path("version").asLong(-1);
        } catch (Exception e) {
            return -1;
        }
    }

    /** Waits (bounded) for the follows under way, then stops the pollers. */
    void finish() throws InterruptedException {
        pool.shutdown();
        if (!pool.awaitTermination(TimeUnit.NANOSECONDS.toMillis(timeoutNanos) + 10_000, TimeUnit.MILLISECONDS)) {
            pool.shutdownNow();
        }
    }
}
