package org.mediationledger.command.it;

import org.mediationledger.command.CommandSideApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The command side started as a real application (not a cached test context), so that a test can stop
 * it and start it again on the same database, as an operator restarting the service would.
 */
final class CommandSideRun implements AutoCloseable {

    private final ConfigurableApplicationContext context;

    private CommandSideRun(ConfigurableApplicationContext context) {
        this.context = context;
    }

    /** Settings of a fresh database and topic from {@link TestInfrastructure}, for any number of runs. */
    static Map<String, String> freshDatabase() {
        Map<String, String> settings = new LinkedHashMap<>();
        TestInfrastructure.register((name, value) -> settings.put(name, String.valueOf(value.get())));
        settings.put("server.port", "0");
        return settings;
    }

    /**
     * Starts the application with {@code settings} (as command-line arguments, which outrank
     * application.yml) and any test configuration in {@code extraSources}.
     */
    static CommandSideRun start(Map<String, String> settings, Class<?>... extraSources) {
        // as CommandSideApplication.main does: no call home at start
        System.setProperty("axoniq.update-checker.disabled", "true");
        List<Class<?>> sources = new ArrayList<>();
        sources.add(CommandSideApplication.class);
        sources.addAll(List.of(extraSources));
        String[] args = settings.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue()).toArray(String[]::new);
        return new CommandSideRun(new SpringApplicationBuilder(sources.toArray(Class<?>[]::new)).run(args));
    }

    <T> T bean(Class<T> type) {
        return context.getBean(type);
    }

    JdbcTemplate jdbc() {
        return context.getBean(JdbcTemplate.class);
    }

    int port() {
        return Integer.parseInt(context.getEnvironment().getRequiredProperty("local.server.port"));
    }

    @Override
    public void close() {
        context.close();
    }
}
