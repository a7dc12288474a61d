package org.mediationledger.query.rebuild;

import org.junit.jupiter.api.Test;

import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The rebuild runs the live projections over a connection that sends their SQL to other tables. */
class SchemaRedirectTest {

    private final List<String> seen = new ArrayList<>();

    private Statement recordingStatement() {
        return (Statement) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[]{Statement.class}, (proxy, method, args) -> {
            if (args != null && args.length > 0 && args[0] instanceof String sql) {
                seen.add(method.getName() + ": " + sql);
            }
            return method.getReturnType() == boolean.class ? false : method.getReturnType() == int.class ? 0 : null;
        });
    }

    private Connection recordingConnection() {
        return (Connection) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[]{Connection.class}, (proxy, method, args) -> {
            if (method.getName().equals("createStatement")) {
                return recordingStatement();
            }
            if (args != null && args.length > 0 && args[0] instanceof String sql) {
                seen.add(method.getName() + ": " + sql);
            }
            return null;
        });
    }

    @Test
    void everyTableOfTheViews_isTakenFromTheRebuildsSchema_andNothingElseChanges() throws Exception {
        Connection redirected = SchemaRedirect.to("rebuild_1", recordingConnection());

        redirected.prepareStatement("UPDATE views.dispute_case SET version = ? WHERE case_id = ?");
        redirected.prepareStatement("INSERT INTO views.lawyer SELECT * FROM public.DomainEventEntry WHERE x = 'a'", 1);
        redirected.createStatement().execute("DELETE FROM views.case_payment");
        redirected.setAutoCommit(false);

        assertThat(seen).containsExactly(
                "prepareStatement: UPDATE rebuild_1.dispute_case SET version = ? WHERE case_id = ?",
                "prepareStatement: INSERT INTO rebuild_1.lawyer SELECT * FROM public.DomainEventEntry WHERE x = 'a'",
                "execute: DELETE FROM rebuild_1.case_payment");
    }
}
