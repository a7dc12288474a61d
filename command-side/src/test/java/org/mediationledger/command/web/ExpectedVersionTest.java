package org.mediationledger.command.web;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ExpectedVersionTest {

    @Test
    void ifMatch_pinsTheQuotedVersion() {
        assertThat(CommandExecution.expectedVersion("\"7\"")).isEqualTo(7L);
        assertThat(CommandExecution.expectedVersion("W/\"3\"")).isEqualTo(3L);
    }

    @Test
    void noIfMatchOrAStar_pinsNothing() {
        assertThat(CommandExecution.expectedVersion(null)).isNull();
        assertThat(CommandExecution.expectedVersion("*")).isNull();
    }

    @Test
    void malformedIfMatch_isRejectedNamingTheHeader() {
        assertThatThrownBy(() -> CommandExecution.expectedVersion("\"seven\""))
                .isInstanceOf(RequestHeaderProblem.class)
                .satisfies(e -> assertThat(((RequestHeaderProblem) e).header()).isEqualTo("If-Match"));
    }
}
