package org.mediationledger.query.ingest;

import com.fasterxml.jackson.core.JacksonException;
import org.mediationledger.query.casefile.ProjectionRefused;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.NonTransientDataAccessException;
import org.springframework.dao.RecoverableDataAccessException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.transaction.TransactionException;

import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.time.DateTimeException;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * Decides whether a failure to take one event into the views is the database's (it passes: read
 * the batch again later) or the event's own (it does not pass: retrying would fail the same way
 * for ever, so only the event's aggregate is held and every other case goes on).
 */
public enum IngestFailure {

    /**
     * The database or the connection to it failed: connection lost or refused, timeouts,
     * serialization failures, deadlocks, resources exhausted, server shutting down. Nothing of the
     * event was kept; the batch is rewound and read again after a pause.
     */
    TRANSIENT,

    /**
     * This event cannot be taken in, however often it is tried: it violates a constraint of the
     * views, its payload lacks what the projection needs, the SQL does not fit it, ... Its aggregate
     * is held (as behind a gap); the other cases and the offsets move on.
     */
    PERMANENT,

    /**
     * Neither list knows the failure. Handled like {@link #PERMANENT}, because retrying an unknown
     * failure for ever stops every case while holding one case stops only that one; and holding is
     * itself a database transaction, so a database that is really gone makes the hold fail and the
     * batch is read again. Logged at error with its stack, to be added to a list.
     */
    UNRECOGNIZED;

    private static final int MAX_CHAIN = 16;

    /**
     * SQLState classes and codes of failures that pass (PostgreSQL appendix A): 08 connection
     * exception, 40 transaction rollback (40001 serialization failure, 40P01 deadlock), 53
     * insufficient resources, 57P operator intervention (shutdown, crash, cannot connect now), 57014
     * statement timeout or cancel, 55P03 lock not available.
     */
    private static final List<String> TRANSIENT_SQL_STATES = List.of("08", "40", "53", "57P", "57014", "55P03");

    /** SQLState classes of failures that are the data's: 22 data exception, 23 integrity constraint, 42 syntax or access rule. */
    private static final List<String> PERMANENT_SQL_STATES = List.of("22", "23", "42");

    /** Thrown by a projection or by reading a payload when the event itself is at fault. */
    private static final List<Class<? extends Throwable>> PERMANENT_TYPES = List.of(
            ProjectionRefused.class,
            // data integrity violations, bad SQL, an expected row that is not there, ...
            NonTransientDataAccessException.class,
            IllegalStateException.class,
            IllegalArgumentException.class,
            JacksonException.class,
            // a payload that lacks a field the projection dereferences, or carries an impossible value
            NullPointerException.class,
            ClassCastException.class,
            ArithmeticException.class,
            DateTimeException.class,
            IndexOutOfBoundsException.class,
            NoSuchElementException.class);

    /** Classifies {@code failure} by its whole cause chain; a transient cause anywhere wins. */
    public static IngestFailure of(Throwable failure) {
        List<Throwable> chain = chain(failure);
        for (Throwable cause : chain) {
            if (isTransient(cause)) {
                return TRANSIENT;
            }
        }
        for (Throwable cause : chain) {
            if (cause instanceof SQLException sql && startsWithAny(sql.getSQLState(), PERMANENT_SQL_STATES)) {
                return PERMANENT;
            }
            for (Class<? extends Throwable> type : PERMANENT_TYPES) {
                if (type.isInstance(cause)) {
                    return PERMANENT;
                }
            }
        }
        if (failure instanceof TransactionException) {
            // beginning, committing or rolling back failed without a cause of the event's own: the database's
            return TRANSIENT;
        }
        return UNRECOGNIZED;
    }

    private static boolean isTransient(Throwable cause) {
        if (cause instanceof SQLException sql && startsWithAny(sql.getSQLState(), TRANSIENT_SQL_STATES)) {
            return true;
        }
        // DataAccessResourceFailureException is what Spring makes of SQLState 08 and 53, and of a
        // connection that cannot be opened (CannotGetJdbcConnectionException extends it)
        return cause instanceof TransientDataAccessException
                || cause instanceof RecoverableDataAccessException
                || cause instanceof CannotGetJdbcConnectionException
                || cause instanceof DataAccessResourceFailureException
                || cause instanceof SQLTransientException
                || cause instanceof SQLRecoverableException;
    }

    private static boolean startsWithAny(String sqlState, List<String> prefixes) {
        if (sqlState == null) {
            return false;
        }
        for (String prefix : prefixes) {
            if (sqlState.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }

    /** The failure and its causes, outermost first; a cycle or a very deep chain is cut. */
    private static List<Throwable> chain(Throwable failure) {
        List<Throwable> chain = new ArrayList<>();
        for (Throwable cause = failure; cause != null && chain.size() < MAX_CHAIN && !chain.contains(cause);
             cause = cause.getCause()) {
            chain.add(cause);
        }
        return chain;
    }

    /** The failure's class names along its cause chain, without messages (which can quote personal data). */
    public static String describe(Throwable failure) {
        StringBuilder names = new StringBuilder();
        for (Throwable cause : chain(failure)) {
            if (!names.isEmpty()) {
                names.append(" < ");
            }
            names.append(cause.getClass().getSimpleName());
            if (cause instanceof SQLException sql && sql.getSQLState() != null) {
                names.append(" [SQLState ").append(sql.getSQLState()).append(']');
            }
        }
        return names.toString();
    }
}
