package org.mediationledger.command.config;

import org.junit.jupiter.api.Test;

import java.sql.BatchUpdateException;
import java.sql.SQLException;

import static org.assertj.core.api.Assertions.assertThat;

/** Which failures of an event insert are a lost race for the sequence number (SQLState 23505), as PostgreSQL's driver reports them. */
class UniqueViolationResolverTest {

    final UniqueViolationResolver resolver = new UniqueViolationResolver();

    @Test
    void aUniqueViolation_isADuplicateKey_whereverItIsInTheCauseChain() {
        SQLException unique = new SQLException("duplicate key value violates unique constraint", "23505");
        assertThat(resolver.isDuplicateKeyViolation(unique)).isTrue();
        assertThat(resolver.isDuplicateKeyViolation(new RuntimeException("wrapped", new IllegalStateException(unique)))).isTrue();
    }

    @Test
    void aBatchThatFailed_isADuplicateKey_whenAnEntryChainedBehindItIsAUniqueViolation() {
        BatchUpdateException batch = new BatchUpdateException("Batch entry 0 was aborted", "23505", 0, new int[0], null);
        assertThat(resolver.isDuplicateKeyViolation(batch)).isTrue();

        BatchUpdateException stateless = new BatchUpdateException("Batch entry 0 was aborted; see the next exception", new int[0]);
        stateless.setNextException(new SQLException("duplicate key value violates unique constraint", "23505"));
        assertThat(resolver.isDuplicateKeyViolation(new RuntimeException(stateless))).isTrue();
    }

    @Test
    void otherFailures_areNot() {
        assertThat(resolver.isDuplicateKeyViolation(new SQLException("foreign key violation", "23503"))).isFalse();
        assertThat(resolver.isDuplicateKeyViolation(new SQLException("connection refused", "08001"))).isFalse();
        assertThat(resolver.isDuplicateKeyViolation(new SQLException("no state"))).isFalse();
        assertThat(resolver.isDuplicateKeyViolation(new IllegalStateException("not SQL at all"))).isFalse();
    }
}
