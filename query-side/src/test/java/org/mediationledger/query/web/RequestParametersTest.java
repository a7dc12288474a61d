package org.mediationledger.query.web;

import org.junit.jupiter.api.Test;
import org.mediationledger.events.common.CaseStage;

import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RequestParametersTest {

    @Test
    void absentParameters_takeTheirDefaults() {
        assertThat(RequestParameters.date("from", null)).isNull();
        assertThat(RequestParameters.integer("size", "", 20, 1, 200)).isEqualTo(20);
        assertThat(RequestParameters.bool("overdue", null)).isNull();
        assertThat(RequestParameters.oneOf("stage", " ", CaseStage.class)).isNull();
        assertThat(RequestParameters.text("  ")).isNull();
    }

    @Test
    void wellFormedParameters_areRead() {
        assertThat(RequestParameters.date("from", "2025-04-01")).isEqualTo(LocalDate.of(2025, 4, 1));
        assertThat(RequestParameters.integer("size", "200", 20, 1, 200)).isEqualTo(200);
        assertThat(RequestParameters.bool("overdue", "TRUE")).isTrue();
        assertThat(RequestParameters.oneOf("stage", "AGREED", CaseStage.class)).isEqualTo(CaseStage.AGREED);
    }

    @Test
    void malformedParameters_nameTheParameterAndTheRule() {
        assertThatThrownBy(() -> RequestParameters.date("from", "2025-02-30"))
                .hasMessage("parameter 'from' must be a date YYYY-MM-DD");
        assertThatThrownBy(() -> RequestParameters.integer("size", "201", 20, 1, 200))
                .hasMessage("parameter 'size' must be between 1 and 200");
        assertThatThrownBy(() -> RequestParameters.integer("page", "1.5", 0, 0, 100))
                .hasMessage("parameter 'page' must be a whole number");
        assertThatThrownBy(() -> RequestParameters.bool("overdue", "yes"))
                .hasMessage("parameter 'overdue' must be true or false");
        assertThatThrownBy(() -> RequestParameters.oneOf("stage", "agreed", CaseStage.class))
                .isInstanceOf(InvalidParameter.class)
                .hasMessageStartingWith("parameter 'stage' must be one of REGISTERED, IN_MEDIATION");
    }
}
