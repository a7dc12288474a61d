package org.mediationledger.command.config;

import com.github.kagkarlsson.scheduler.Scheduler;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.SmartLifecycle;

/**
 * Runs deadlines only while the whole command side is up. The scheduler starts when the application is
 * ready (Axon's repositories, event processors and the web server all started), so a deadline that fell
 * due while the service was down runs on the first poll after the restart. On shutdown it stops after
 * the web server stopped taking commands and before Axon stops; a deadline still running gets
 * {@code ml.deadlines.shutdown-max-wait} to finish. The DataSource closes only after all of that.
 */
public class DeadlineSchedulerLifecycle implements SmartLifecycle, ApplicationListener<ApplicationReadyEvent> {

    /**
     * Spring stops higher phases first: the web server's graceful shutdown ({@code MAX_VALUE - 1024}) and
     * the web server ({@code MAX_VALUE - 2048}) stop before this, Axon's configuration
     * ({@code MAX_VALUE - 3072}) after it.
     */
    static final int PHASE = Integer.MAX_VALUE - 2560;

    private final Scheduler scheduler;
    private boolean running;

    public DeadlineSchedulerLifecycle(Scheduler scheduler) {
        this.scheduler = scheduler;
    }

    @Override
    public void onApplicationEvent(ApplicationReadyEvent event) {
        start();
    }

    /** Not during the context's refresh: only once the application is ready. */
    @Override
    public boolean isAutoStartup() {
        return false;
    }

    @Override
    public synchronized void start() {
        if (!running && !scheduler.getSchedulerState().isShuttingDown()) {
            scheduler.start();
            running = true;
        }
    }

    @Override
    public synchronized void stop() {
        if (running) {
            scheduler.stop();
            running = false;
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return PHASE;
    }
}
