package org.mediationledger.query.ingest;

import com.fasterxml.jackson.core.JsonParseException;
import org.junit.jupiter.api.Test;
import org.mediationledger.query.casefile.ProjectionRefused;
import org.springframework.dao.CannotAcquireLockException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.DeadlockLoserDataAccessException;
import org.springframework.dao.EmptyResultDataAccessException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.dao.RecoverableDataAccessException;
import org.springframework.jdbc.BadSqlGrammarException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.jdbc.UncategorizedSQLException;
import org.springframework.transaction.CannotCreateTransactionException;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mediationledger.query.ingest.IngestFailure.PERMANENT;
import static org.mediationledger.query.ingest.IngestFailure.TRANSIENT;
import static org.mediationledger.query.ingest.IngestFailure.UNRECOGNIZED;

class IngestFailureTest {

    @Test
    void databaseGoneOrBusy_isTransient() {
        assertThat(IngestFailure.of(new CannotGetJdbcConnectionException("no connection",
                new SQLTransientConnectionException("pool timeout")))).isEqualTo(TRANSIENT);
        assertThat(IngestFailure.of(new DataAccessResourceFailureException("gone", sql("08006")))).isEqualTo(TRANSIENT);
        assertThat(IngestFailure.of(new CannotCreateTransactionException("begin failed", sql("08001")))).isEqualTo(TRANSIENT);
        assertThat(IngestFailure.of(new CannotCreateTransactionException("begin failed"))).isEqualTo(TRANSIENT);
        assertThat(IngestFailure.of(new RecoverableDataAccessException("retry"))).isEqualTo(TRANSIENT);
        assertThat(IngestFailure.of(new QueryTimeoutException("slow"))).isEqualTo(TRANSIENT);
        assertThat(IngestFailure.of(new DeadlockLoserDataAccessException("deadlock", sql("40P01")))).isEqualTo(TRANSIENT);
        assertThat(IngestFailure.of(new CannotAcquireLockException("lock", sql("55P03")))).isEqualTo(TRANSIENT);
    }

    @Test
    void transientSqlStates_winWhateverTheWrapper() {
        for (String state : new String[] {"08006", "40001", "40P01", "53300", "57P01", "57P03", "57014"}) {
            assertThat(IngestFailure.of(new UncategorizedSQLException("task", "sql", sql(state)))).as(state).isEqualTo(TRANSIENT);
            assertThat(IngestFailure.of(new IllegalStateException("wrapped", sql(state)))).as(state).isEqualTo(TRANSIENT);
        }
    }

    @Test
    void theEventsOwnFault_isPermanent() {
        assertThat(IngestFailure.of(new DataIntegrityViolationException("not null", sql("23502")))).isEqualTo(PERMANENT);
        assertThat(IngestFailure.of(new BadSqlGrammarException("task", "sql", sql("42703")))).isEqualTo(PERMANENT);
        assertThat(IngestFailure.of(new UncategorizedSQLException("task", "sql", sql("22007")))).isEqualTo(PERMANENT);
        assertThat(IngestFailure.of(new EmptyResultDataAccessException(1))).isEqualTo(PERMANENT);
        assertThat(IngestFailure.of(new IllegalStateException("no handler"))).isEqualTo(PERMANENT);
        assertThat(IngestFailure.of(new IllegalArgumentException("no occurredAt"))).isEqualTo(PERMANENT);
        assertThat(IngestFailure.of(new NullPointerException())).isEqualTo(PERMANENT);
        assertThat(IngestFailure.of(new ProjectionRefused("not in the view"))).isEqualTo(PERMANENT);
        assertThat(IngestFailure.of(new RuntimeException(new JsonParseException(null, "bad json")))).isEqualTo(PERMANENT);
    }

    @Test
    void unknownFailure_isUnrecognized() {
        assertThat(IngestFailure.of(new RuntimeException("?"))).isEqualTo(UNRECOGNIZED);
        assertThat(IngestFailure.of(new UnsupportedOperationException())).isEqualTo(UNRECOGNIZED);
    }

    @Test
    void uncategorizedSqlFailureWithoutATransientState_isPermanent_asSpringDeemsIt() {
        // UncategorizedDataAccessException is a NonTransientDataAccessException
        assertThat(IngestFailure.of(new UncategorizedSQLException("task", "sql", new SQLException("no state"))))
                .isEqualTo(PERMANENT);
    }

    @Test
    void describe_namesClassesAndStates_neverMessages() {
        String described = IngestFailure.describe(new DataIntegrityViolationException("row (陈静, 370203...)", sql("23502")));

        assertThat(described).isEqualTo("DataIntegrityViolationException < SQLException [SQLState 23502]");
    }

    @Test
    void causeCycle_doesNotLoop() {
        RuntimeException a = new RuntimeException("a");
        RuntimeException b = new RuntimeException("b", a);
        a.initCause(b);

        assertThat(IngestFailure.of(a)).isEqualTo(UNRECOGNIZED);
    }

    private static SQLException sql(String state) {
        return new SQLException("message that may quote a row", state);
    }
}
