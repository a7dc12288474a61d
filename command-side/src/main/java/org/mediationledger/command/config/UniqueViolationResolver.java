package org.mediationledger.command.config;

import org.axonframework.common.jdbc.PersistenceExceptionResolver;
import org.springframework.stereotype.Component;

import java.sql.SQLException;

/**
 * Tells Axon's JDBC event store that an insert lost the race for an aggregate's next sequence number,
 * so that it raises {@code ConcurrencyException} (retried, then answered 409) instead of an
 * {@code EventStoreException} (500). Axon's default for JDBC recognises only
 * {@code SQLIntegrityConstraintViolationException}, which the PostgreSQL driver never throws: it
 * reports a unique violation as SQLState 23505 on a {@code PSQLException}, or on a
 * {@code BatchUpdateException} and the exceptions chained behind it when several events are inserted
 * in one batch. The race happens when a command runs inside an outer transaction (the
 * {@code Idempotency-Key} path), which keeps its events uncommitted after Axon has released the
 * aggregate's lock, and between command-side nodes.
 */
@Component
public class UniqueViolationResolver implements PersistenceExceptionResolver {

    static final String UNIQUE_VIOLATION = "23505";

    @Override
    public boolean isDuplicateKeyViolation(Exception exception) {
        for (Throwable cause = exception; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql && chainHasUniqueViolation(sql)) {
                return true;
            }
            if (cause.getCause() == cause) {
                return false;
            }
        }
        return false;
    }

    private static boolean chainHasUniqueViolation(SQLException first) {
        // a batch reports each failed entry as a next exception, not as a cause
        for (SQLException e = first; e != null; e = e.getNextException()) {
            if (UNIQUE_VIOLATION.equals(e.getSQLState())) {
                return true;
            }
        }
        return false;
    }
}
