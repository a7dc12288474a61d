package org.mediationledger.query.casefile;

import org.springframework.jdbc.core.JdbcTemplate;

import java.sql.Connection;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Copies a rebuild's case rows into its fresh tables with COPY, a chunk of cases at a time, on a connection
 * and a thread of their own: the fold goes on with the next chunk while PostgreSQL takes in the last one.
 * At most {@link #CHUNKS_AHEAD} chunks wait, so memory stays bounded. Each chunk is committed once copied
 * (a rebuild's tables are read by nobody until it is complete).
 */
public final class CaseRowsCopier implements AutoCloseable {

    private static final int CHUNKS_AHEAD = 1;

    private final Connection connection;
    private final String schema;
    private final CaseTables tables;
    private final Deque<Future<?>> pending = new ArrayDeque<>();
    private final ExecutorService writer = Executors.newSingleThreadExecutor(task -> {
        Thread thread = new Thread(task, "view-rebuild-writer");
        thread.setDaemon(true);
        return thread;
    });

    /**
     * @param catalog a JdbcTemplate over {@code connection} that names the live views (for their columns and
     *                the snapshots' layout, asked once)
     */
    public CaseRowsCopier(Connection connection, JdbcTemplate catalog, String schema) {
        this.connection = connection;
        this.schema = schema;
        this.tables = new CaseTables(catalog);
    }

    /** Hands these cases' rows to the writer; waits while {@link #CHUNKS_AHEAD} chunks are still being copied. */
    void copy(Collection<CaseRows> cases) {
        if (cases.isEmpty()) {
            return;
        }
        List<CaseRows> chunk = List.copyOf(cases);
        while (pending.size() >= CHUNKS_AHEAD) {
            await(pending.removeFirst());
        }
        pending.addLast(writer.submit(() -> {
            tables.copy(connection, schema, chunk);
            connection.commit();
            return null;
        }));
    }

    /** Waits until every chunk handed over is copied and committed; a failure of any of them is thrown here. */
    public void finish() {
        while (!pending.isEmpty()) {
            await(pending.removeFirst());
        }
    }

    private static void await(Future<?> chunk) {
        try {
            chunk.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("the rebuild was interrupted while its rows were copied", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("the rebuild's rows could not be copied", e.getCause());
        }
    }

    @Override
    public void close() {
        writer.shutdownNow();
    }
}
