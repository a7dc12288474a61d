package org.mediationledger.query.report;

import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;
import org.springframework.stereotype.Component;

import java.sql.Statement;

/**
 * Fills the report's rollups (V8) from the case and payment rows already in the views, by the very
 * definition the fold keeps up ({@link ReportRollups#FROM_THE_ROWS}), as shard {@code migration}. Views
 * that are empty get no rows. A Spring bean, so that Spring Boot's Flyway runs it in version order.
 */
@Component
public class V9__FillReportRollups extends BaseJavaMigration {

    static final String SHARD = "migration";

    @Override
    public void migrate(Context context) throws Exception {
        try (Statement statement = context.getConnection().createStatement()) {
            for (var table : ReportRollups.FROM_THE_ROWS.entrySet()) {
                statement.execute(ReportRollups.fill(table.getKey(), SHARD));
            }
        }
    }
}
