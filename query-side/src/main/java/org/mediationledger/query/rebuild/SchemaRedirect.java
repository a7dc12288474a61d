package org.mediationledger.query.rebuild;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.Statement;
import java.util.Set;

/**
 * A connection on which every statement naming {@code views.} names another schema instead. A rebuild
 * runs the live projections, unchanged, over such a connection, so they fill fresh tables by the very SQL
 * that fills the live ones. The projections qualify every table with {@code views.}; nothing else in
 * their SQL contains it.
 */
public final class SchemaRedirect {

    private static final String LIVE = "views.";
    private static final Set<String> SQL_TAKING = Set.of("prepareStatement", "prepareCall", "nativeSQL",
            "execute", "executeQuery", "executeUpdate", "executeLargeUpdate", "addBatch");

    private SchemaRedirect() {
    }

    public static Connection to(String schema, Connection target) {
        return wrap(Connection.class, target, schema + ".");
    }

    private static <T> T wrap(Class<T> type, T target, String replacement) {
        InvocationHandler handler = (proxy, method, args) -> {
            Object[] rewritten = rewrite(method, args, replacement);
            try {
                Object result = method.invoke(target, rewritten);
                if (result instanceof Statement statement && method.getName().equals("createStatement")) {
                    return wrap(Statement.class, statement, replacement);
                }
                return result;
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        };
        return type.cast(Proxy.newProxyInstance(SchemaRedirect.class.getClassLoader(), new Class<?>[]{type}, handler));
    }

    private static Object[] rewrite(Method method, Object[] args, String replacement) {
        if (args != null && args.length > 0 && args[0] instanceof String sql && SQL_TAKING.contains(method.getName())) {
            Object[] copy = args.clone();
            copy[0] = sql.replace(LIVE, replacement);
            return copy;
        }
        return args;
    }
}
