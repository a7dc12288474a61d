package org.mediationledger.query.ingest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.CommitFailedException;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.mediationledger.events.wire.EventJson;
import org.mediationledger.events.wire.PublishedEvent;
import org.mediationledger.query.config.ConsumerSettings;
import org.mediationledger.query.config.KafkaSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.TransactionException;

import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The one polling thread that feeds the topic's events to {@link EventIngestion}. Offsets are
 * committed by hand after a batch has been taken into the database, never before; if the database
 * fails, the batch is read again after a growing pause (its applied part is then skipped as
 * redelivered), so no event is lost and none is applied twice.
 */
@Component
public class EventStreamConsumer implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(EventStreamConsumer.class);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(5);

    private final ConsumerSettings settings;
    private final KafkaSettings kafka;
    private final EventIngestion ingestion;
    private final Counter retries;
    private final ObjectMapper eventJson = EventJson.newObjectMapper();
    private final CountDownLatch stopRequested = new CountDownLatch(1);
    private volatile KafkaConsumer<String, String> consumer;
    private Thread thread;

    public EventStreamConsumer(ConsumerSettings settings, KafkaSettings kafka, EventIngestion ingestion,
                               MeterRegistry meters) {
        this.settings = settings;
        this.kafka = kafka;
        this.ingestion = ingestion;
        this.retries = Counter.builder("ml.projection.retries")
                .description("event batches read again after a failure (database unavailable, ...)")
                .register(meters);
    }

    /** Starts consuming once the application is ready (migrations done, web server up). */
    @EventListener(ApplicationReadyEvent.class)
    public synchronized void start() {
        if (thread != null || stopRequested.getCount() == 0) {
            return;
        }
        consumer = new KafkaConsumer<>(consumerProperties());
        thread = new Thread(this::run, "query-side-consumer");
        thread.start();
        log.info("consuming {} as group {} from {}", settings.topic(), settings.group(), kafka.bootstrap());
    }

    /** Stops the polling thread and waits for it; runs before the data source is closed. */
    @Override
    public void destroy() throws InterruptedException {
        Thread running;
        synchronized (this) {
            stopRequested.countDown();
            running = thread;
        }
        if (running == null) {
            return;
        }
        consumer.wakeup();
        running.join(STOP_TIMEOUT.toMillis());
        if (running.isAlive()) {
            log.warn("event consumer did not stop within {}", STOP_TIMEOUT);
        }
    }

    private void run() {
        KafkaConsumer<String, String> kafkaConsumer = consumer;
        try {
            kafkaConsumer.subscribe(List.of(settings.topic()));
            Duration backoff = settings.retryBackoffInitial();
            while (!stopping()) {
                ConsumerRecords<String, String> records = ConsumerRecords.empty();
                try {
                    records = kafkaConsumer.poll(settings.pollTimeout());
                    if (records.isEmpty()) {
                        continue;
                    }
                    for (ConsumerRecord<String, String> record : records) {
                        ingest(record);
                    }
                    commit(kafkaConsumer);
                    backoff = settings.retryBackoffInitial();
                } catch (WakeupException e) {
                    throw e;
                } catch (RuntimeException e) {
                    retries.increment();
                    reportFailure(e, backoff);
                    rewind(kafkaConsumer, records);
                    if (stopRequested.await(backoff.toMillis(), TimeUnit.MILLISECONDS)) {
                        break;
                    }
                    backoff = min(backoff.multipliedBy(2), settings.retryBackoffMax());
                }
            }
        } catch (WakeupException e) {
            if (!stopping()) {
                log.error("event consumer woken up without a stop request", e);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            kafkaConsumer.close(CLOSE_TIMEOUT);
            log.info("event consumer stopped");
        }
    }

    private void ingest(ConsumerRecord<String, String> record) {
        String partitionKey = record.topic() + "-" + record.partition();
        PublishedEvent event;
        try {
            event = eventJson.readValue(record.value(), PublishedEvent.class);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            // nothing in it can be trusted, not even its event id: it cannot be recorded, only skipped
            log.error("unreadable message at {} offset {} skipped ({})", partitionKey, record.offset(),
                    e.getClass().getSimpleName());
            return;
        }
        if (event == null || event.eventId() == null || event.aggregateId() == null || event.type() == null
                || event.aggregateType() == null) {
            log.error("message at {} offset {} lacks event id, aggregate or type; skipped", partitionKey, record.offset());
            return;
        }
        ingestion.ingest(partitionKey, event);
    }

    private void commit(KafkaConsumer<String, String> kafkaConsumer) {
        try {
            kafkaConsumer.commitSync();
        } catch (CommitFailedException e) {
            // the group rebalanced: the new owner reads these events again and skips them as redelivered
            log.info("offset commit refused after a rebalance; the batch will be redelivered and skipped");
        }
    }

    /**
     * Seeks every partition of the failed batch back to the batch's first offset, which is the last
     * committed one (offsets are committed after every batch), so that nothing past it is skipped.
     */
    private void rewind(KafkaConsumer<String, String> kafkaConsumer, ConsumerRecords<String, String> records) {
        for (TopicPartition partition : records.partitions()) {
            if (kafkaConsumer.assignment().contains(partition)) {
                kafkaConsumer.seek(partition, records.records(partition).get(0).offset());
            }
        }
    }

    private void reportFailure(RuntimeException e, Duration backoff) {
        if (e instanceof DataAccessException || e instanceof TransactionException) {
            // the message is not logged: a database error can quote the row, personal data included
            log.warn("database unavailable ({}, SQL state {}); retrying the batch in {}",
                    e.getClass().getSimpleName(), sqlState(e), backoff);
        } else {
            log.error("event batch failed; retrying in {}", backoff, e);
        }
    }

    private static String sqlState(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql) {
                return sql.getSQLState();
            }
        }
        return "none";
    }

    private boolean stopping() {
        return stopRequested.getCount() == 0;
    }

    private Map<String, Object> consumerProperties() {
        return Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrap(),
                ConsumerConfig.GROUP_ID_CONFIG, settings.group(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                // the relay writes transactionally at most: never read what it may still abort
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                // a new group reads the whole history: the topic keeps every event
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, settings.maxPollRecords(),
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
