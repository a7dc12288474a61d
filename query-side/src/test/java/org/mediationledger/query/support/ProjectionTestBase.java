package org.mediationledger.query.support;

import org.junit.jupiter.api.AfterAll;
import org.mediationledger.events.wire.PublishedEvent;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;


import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A query side running against the embedded servers, fed by events the test publishes. Each
 * subclass registers its own database and topic ({@link QuerySideUnderTest#register}); the context
 * is closed after the class, before the servers stop.
 */
@ExtendWith(EmbeddedServers.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
@Import(FixedBusinessDay.class)
public abstract class ProjectionTestBase {

    /** Long enough for a slow machine; awaited conditions return as soon as they hold. */
    protected static final Duration PATIENCE = Duration.ofSeconds(60);

    private static EventPublisher publisher;

    @LocalServerPort
    private int port;

    @Value("${ml.query-side.topic}")
    private String topic;

    @Autowired
    protected JdbcTemplate db;

    protected Api api;

    @BeforeEach
    void connect() {
        api = new Api(port);
        synchronized (ProjectionTestBase.class) {
            if (publisher == null) {
                publisher = new EventPublisher(topic);
            }
        }
    }

    @AfterAll
    static void closePublisher() {
        synchronized (ProjectionTestBase.class) {
            if (publisher != null) {
                publisher.close();
                publisher = null;
            }
        }
    }

    protected EventPublisher events() {
        return publisher;
    }

    /** Publishes the events and waits until the views applied every one of them. */
    protected void publishAndAwait(List<PublishedEvent> sent) {
        publisher.publish(sent);
        awaitApplied(sent);
    }

    protected void publishAndAwait(PublishedEvent... sent) {
        publishAndAwait(List.of(sent));
    }

    /** Waits until each event's aggregate has been applied up to the event's sequence. */
    protected void awaitApplied(List<PublishedEvent> sent) {
        await().atMost(PATIENCE).untilAsserted(() -> {
            for (PublishedEvent event : sent) {
                assertThat(lastApplied(event.aggregateId()))
                        .as("last applied sequence of %s", event.aggregateId())
                        .isGreaterThanOrEqualTo(event.sequence());
            }
        });
    }

    protected long lastApplied(String aggregateId) {
        List<Long> last = db.queryForList("SELECT last_sequence FROM views.aggregate_sequence WHERE aggregate_id = ?",
                Long.class, aggregateId);
        return last.isEmpty() ? -1 : last.get(0);
    }

    protected long currentPosition() {
        Long position = db.queryForObject("SELECT MAX(global_index) FROM views.projection_position", Long.class);
        return position == null ? -1 : position;
    }
}
