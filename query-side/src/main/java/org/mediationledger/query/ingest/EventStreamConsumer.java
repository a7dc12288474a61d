package org.mediationledger.query.ingest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.CommitFailedException;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RebalanceInProgressException;
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
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The one polling thread that reads the topic and hands each partition's polled records to
 * {@link EventIngestion}, one transaction per batch, the batches side by side on
 * {@code ingestion-threads} threads (a case's events stay in one partition, so their order is kept); a
 * poll's small batches of several partitions go in together, as one ({@link #groups}). A
 * partition is paused while its batch is in the database and resumed once it committed, so polling and
 * the other partitions never wait for it (decision 0028). Offsets are committed by hand, for the
 * partitions whose batch the database has taken, never before.
 * <p>
 * A failure to take in a batch is classified by {@link IngestFailure}. If it is the database's
 * (transient: connection lost, timeout, serialization failure, deadlock, ...), that partition is read
 * again from its batch's first offset after a growing pause, so no event is lost and none is applied
 * twice; the other partitions go on. Otherwise one of its events fails in a way of its own (permanent: a constraint violation, bad
 * SQL, a payload the projection cannot use); retrying would fail for ever and stop every case, so the
 * batch is taken again partition by partition, then one event at a time: only the event that fails has its aggregate held, with the
 * reason, and the rest of the batch and the offsets move on.
 * <p>
 * The topic is never created here ({@code allow.auto.create.topics=false}); until the command side
 * has created it, the consumer keeps polling.
 */
@Component
public class EventStreamConsumer implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(EventStreamConsumer.class);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration TOPIC_CHECK_TIMEOUT = Duration.ofSeconds(10);
    /** How long a poll waits while batches are in the database: their ends are noticed this soon. */
    private static final Duration IN_FLIGHT_POLL = Duration.ofMillis(5);

    private final ConsumerSettings settings;
    private final KafkaSettings kafka;
    private final EventIngestion ingestion;
    private final Counter retries;
    private final ObjectMapper eventJson = EventJson.newObjectMapper();
    private final CountDownLatch stopRequested = new CountDownLatch(1);
    private volatile KafkaConsumer<String, String> consumer;
    private Thread thread;
    private ExecutorService partitionWorkers;

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
        AtomicInteger workers = new AtomicInteger();
        partitionWorkers = Executors.newFixedThreadPool(Math.max(1, settings.ingestionThreads()),
                task -> new Thread(task, "query-side-ingestion-" + workers.incrementAndGet()));
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

    /**
     * A partition's batch in the database: its first offset, where the partition is read again from if it
     * fails. Partitions whose batches went in together share one result: the transient failure of each
     * partition that has one (none: all taken in).
     */
    private record InFlight(Future<Map<TopicPartition, RuntimeException>> result, long firstOffset, long nextOffset) {
    }

    /** A partition waiting after a transient failure of its batch: paused until {@code resumeAt}. */
    private record BackingOff(long resumeAtNanos, Duration backoff) {
    }

    /**
     * Polls, and hands each partition's records to a worker as soon as that partition has no batch in the
     * database: the partition is paused meanwhile, so polling goes on for the others, and each partition's
     * next batch starts as soon as its last one committed, never waiting for the slowest partition. A
     * batch's offsets are committed, on this thread, once the database committed it; a batch that failed
     * for a transient reason has its partition read again from its first offset after a pause that grows
     * while it keeps failing. The others go on meanwhile.
     */
    private void run() {
        KafkaConsumer<String, String> kafkaConsumer = consumer;
        Map<TopicPartition, InFlight> inFlight = new HashMap<>();
        Map<TopicPartition, BackingOff> backingOff = new HashMap<>();
        try {
            kafkaConsumer.subscribe(List.of(settings.topic()), new ConsumerRebalanceListener() {
                @Override
                public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
                    // the batches of these partitions finish and their offsets are committed before another node
                    // reads them; the new owner would otherwise skip them as redelivered, which is also safe
                    settle(kafkaConsumer, inFlight, backingOff, partitions, true);
                    partitions.forEach(backingOff::remove);
                }

                @Override
                public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
                }

                @Override
                public void onPartitionsLost(Collection<TopicPartition> partitions) {
                    // no longer ours: nothing can be committed; what the database took is skipped when redelivered
                    settle(kafkaConsumer, inFlight, backingOff, partitions, false);
                    partitions.forEach(backingOff::remove);
                }
            });
            reportIfTopicMissing(kafkaConsumer);
            Duration pollFailureBackoff = settings.retryBackoffInitial();
            while (!stopping()) {
                try {
                    ConsumerRecords<String, String> records = kafkaConsumer.poll(
                            inFlight.isEmpty() && backingOff.isEmpty() ? settings.pollTimeout() : min(settings.pollTimeout(), IN_FLIGHT_POLL));
                    for (List<TopicPartition> group : groups(records)) {
                        Map<TopicPartition, List<ConsumerRecord<String, String>>> batches = new java.util.LinkedHashMap<>();
                        for (TopicPartition partition : group) {
                            if (inFlight.containsKey(partition)) {
                                // a paused partition yields nothing: two batches of one partition would break its order
                                throw new IllegalStateException("records of " + partition + " polled while its batch is in the database");
                            }
                            batches.put(partition, records.records(partition));
                        }
                        kafkaConsumer.pause(group);
                        Future<Map<TopicPartition, RuntimeException>> result = partitionWorkers.submit(() -> ingestTogether(batches));
                        batches.forEach((partition, batch) -> inFlight.put(partition,
                                new InFlight(result, batch.get(0).offset(), batch.get(batch.size() - 1).offset() + 1)));
                    }
                    settleFinished(kafkaConsumer, inFlight, backingOff);
                    resumeRested(kafkaConsumer, inFlight, backingOff);
                    pollFailureBackoff = settings.retryBackoffInitial();
                } catch (WakeupException e) {
                    throw e;
                } catch (KafkaException e) {
                    // polling failed (the broker, the group), not an event: batches in the database go on, and
                    // every partition is read on from its position
                    retries.increment();
                    reportFailure(e, pollFailureBackoff);
                    if (stopRequested.await(pollFailureBackoff.toMillis(), TimeUnit.MILLISECONDS)) {
                        break;
                    }
                    pollFailureBackoff = min(pollFailureBackoff.multipliedBy(2), settings.retryBackoffMax());
                }
            }
        } catch (WakeupException e) {
            if (!stopping()) {
                log.error("event consumer woken up without a stop request", e);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            try {
                settle(kafkaConsumer, inFlight, backingOff, List.copyOf(inFlight.keySet()), true);
            } catch (RuntimeException e) {
                log.info("offsets of the last batches not committed on stop ({}); they will be redelivered and skipped",
                        e.getClass().getSimpleName());
            }
            partitionWorkers.shutdown();
            kafkaConsumer.close(CLOSE_TIMEOUT);
            log.info("event consumer stopped");
        }
    }

    /** The batches that finished: offsets committed for those the database took, the others' partitions rewound. */
    private void settleFinished(KafkaConsumer<String, String> kafkaConsumer, Map<TopicPartition, InFlight> inFlight,
                                Map<TopicPartition, BackingOff> backingOff) {
        List<TopicPartition> finished = inFlight.entrySet().stream().filter(e -> e.getValue().result().isDone())
                .map(Map.Entry::getKey).toList();
        if (!finished.isEmpty()) {
            settle(kafkaConsumer, inFlight, backingOff, finished, true);
        }
    }

    /**
     * Waits for the batches of {@code partitions} that are in the database, then commits the offsets of
     * those taken in (when {@code commit}) and resumes their partitions; a partition whose batch failed for a
     * transient reason is sought back to its batch's first offset and stays paused for its backoff.
     */
    private void settle(KafkaConsumer<String, String> kafkaConsumer, Map<TopicPartition, InFlight> inFlight,
                        Map<TopicPartition, BackingOff> backingOff, Collection<TopicPartition> partitions, boolean commit) {
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        for (TopicPartition partition : partitions) {
            InFlight batch = inFlight.remove(partition);
            if (batch == null) {
                backingOff.remove(partition);
                continue;
            }
            RuntimeException failure = outcome(batch.result(), partition);
            boolean ours = kafkaConsumer.assignment().contains(partition);
            if (failure == null) {
                offsets.put(partition, new OffsetAndMetadata(batch.nextOffset()));
                BackingOff rested = backingOff.remove(partition);
                if (ours) {
                    kafkaConsumer.resume(List.of(partition));
                }
                if (rested != null) {
                    log.info("{} taken in again after a failure", partition);
                }
                continue;
            }
            retries.increment();
            Duration backoff = backingOff.containsKey(partition)
                    ? min(backingOff.get(partition).backoff().multipliedBy(2), settings.retryBackoffMax())
                    : settings.retryBackoffInitial();
            reportFailure(failure, backoff);
            if (ours) {
                kafkaConsumer.seek(partition, batch.firstOffset());
                backingOff.put(partition, new BackingOff(System.nanoTime() + backoff.toNanos(), backoff));
            }
        }
        if (commit && !offsets.isEmpty()) {
            commit(kafkaConsumer, offsets);
        }
    }

    /**
     * Resumes the partitions whose pause after a failure is over. One whose batch is in the database again
     * stays paused (its entry stays until that batch is taken in, so that a further failure waits longer).
     */
    private void resumeRested(KafkaConsumer<String, String> kafkaConsumer, Map<TopicPartition, InFlight> inFlight,
                              Map<TopicPartition, BackingOff> backingOff) {
        long now = System.nanoTime();
        for (Map.Entry<TopicPartition, BackingOff> partition : backingOff.entrySet()) {
            if (now - partition.getValue().resumeAtNanos() >= 0 && !inFlight.containsKey(partition.getKey())
                    && kafkaConsumer.paused().contains(partition.getKey())) {
                kafkaConsumer.resume(List.of(partition.getKey()));
            }
        }
    }

    /** What became of a partition's batch: null when taken in, else the transient failure that stopped it. */
    private static RuntimeException outcome(Future<Map<TopicPartition, RuntimeException>> result, TopicPartition partition) {
        try {
            return result.get().get(partition);
        } catch (ExecutionException e) {
            return e.getCause() instanceof RuntimeException runtime ? runtime : new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new IllegalStateException("interrupted while a batch was in the database", e);
        }
    }

    /**
     * Splits a poll's partitions into the batches taken in side by side: small ones go together, one
     * transaction for several partitions, until a group holds {@code group-min-events} events (under a steady
     * load each partition brings one or two events per poll, and a transaction each would cost several times
     * what the events do); under a backlog each partition's batch is large enough to go alone, and the
     * partitions are taken in in parallel.
     */
    private List<List<TopicPartition>> groups(ConsumerRecords<String, String> records) {
        List<List<TopicPartition>> groups = new ArrayList<>();
        List<TopicPartition> group = new ArrayList<>();
        int events = 0;
        for (TopicPartition partition : records.partitions()) {
            group.add(partition);
            events += records.records(partition).size();
            if (events >= settings.groupMinEvents()) {
                groups.add(group);
                group = new ArrayList<>();
                events = 0;
            }
        }
        if (!group.isEmpty()) {
            groups.add(group);
        }
        return groups;
    }

    /**
     * The batches of one or more partitions in one transaction. When that fails for a reason of an event's
     * own, each partition's batch is taken alone ({@link #ingestPartition}), so that a poison event holds only
     * its aggregate and the partitions keep outcomes of their own.
     *
     * @return the transient failure of each partition that has one; empty when every record was taken in
     *         (or skipped, or its aggregate held)
     */
    private Map<TopicPartition, RuntimeException> ingestTogether(Map<TopicPartition, List<ConsumerRecord<String, String>>> batches) {
        Map<TopicPartition, List<PublishedEvent>> events = new java.util.LinkedHashMap<>();
        batches.forEach((partition, records) -> events.put(partition, readable(partition, records)));
        Map<TopicPartition, RuntimeException> failures = new HashMap<>();
        if (events.size() > 1) {
            try {
                ingestion.ingest(events.entrySet().stream()
                        .map(batch -> new EventIngestion.PartitionEvents(partitionKey(batch.getKey()), batch.getValue())).toList());
                return failures;
            } catch (RuntimeException e) {
                if (IngestFailure.of(e) == IngestFailure.TRANSIENT) {
                    events.keySet().forEach(partition -> failures.put(partition, e));
                    return failures;
                }
                log.info("the batches of {} partitions ({} events) failed together ({}); taking each partition's alone",
                        events.size(), events.values().stream().mapToInt(List::size).sum(), IngestFailure.describe(e));
            }
        }
        events.forEach((partition, batch) -> {
            RuntimeException failure = ingestPartition(partitionKey(partition), batch);
            if (failure != null) {
                failures.put(partition, failure);
            }
        });
        return failures;
    }

    private static String partitionKey(TopicPartition partition) {
        return partition.topic() + "-" + partition.partition();
    }

    private List<PublishedEvent> readable(TopicPartition partition, List<ConsumerRecord<String, String>> records) {
        String partitionKey = partitionKey(partition);
        List<PublishedEvent> events = new ArrayList<>(records.size());
        for (ConsumerRecord<String, String> record : records) {
            PublishedEvent event = readable(partitionKey, record);
            if (event != null) {
                events.add(event);
            }
        }
        return events;
    }

    /**
     * One partition's events in one transaction; when that fails for a reason of an event's own, one
     * event at a time, so that only the failing event's aggregate is held.
     *
     * @return null when every event was taken in (or skipped, or its aggregate held), else the transient
     *         failure that stopped it
     */
    private RuntimeException ingestPartition(String partitionKey, List<PublishedEvent> events) {
        try {
            ingestion.ingest(partitionKey, events);
            return null;
        } catch (RuntimeException e) {
            if (IngestFailure.of(e) == IngestFailure.TRANSIENT) {
                return e;
            }
            log.info("a batch of {} events from {} failed ({}); taking them one at a time to find the one that fails",
                    events.size(), partitionKey, IngestFailure.describe(e));
        }
        try {
            for (PublishedEvent event : events) {
                ingestAlone(partitionKey, event);
            }
            return null;
        } catch (RuntimeException transientFailure) {
            return transientFailure;
        }
    }

    /** The record's event, or null (logged) when it cannot be one: nothing in it can be trusted, not even its id. */
    private PublishedEvent readable(String partitionKey, ConsumerRecord<String, String> record) {
        PublishedEvent event;
        try {
            event = eventJson.readValue(record.value(), PublishedEvent.class);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            log.error("unreadable message at {} offset {} skipped ({})", partitionKey, record.offset(),
                    e.getClass().getSimpleName());
            return null;
        }
        if (event == null || event.eventId() == null || event.aggregateId() == null || event.type() == null
                || event.aggregateType() == null) {
            log.error("message at {} offset {} lacks event id, aggregate or type; skipped", partitionKey, record.offset());
            return null;
        }
        return event;
    }

    /** One event in a transaction of its own; a failure of its own holds its aggregate, a transient one is thrown. */
    private void ingestAlone(String partitionKey, PublishedEvent event) {
        try {
            ingestion.ingest(partitionKey, event);
        } catch (RuntimeException e) {
            IngestFailure failure = IngestFailure.of(e);
            if (failure == IngestFailure.TRANSIENT) {
                throw e; // the database's: the partition is rewound and read again after a pause
            }
            refuse(event, e, failure);
        }
    }

    /**
     * A failure of this event's own ({@link IngestFailure#PERMANENT}, or one no list knows): holding
     * its aggregate lets every other case and the offsets move on, where rewinding would read the
     * same event and fail the same way for ever.
     */
    private void refuse(PublishedEvent event, RuntimeException e, IngestFailure failure) {
        // ids and class names only: the exception's message can quote the row, personal data included
        String reason = "event " + event.eventId() + " (" + event.type() + ") could not be applied: "
                + e.getClass().getSimpleName();
        if (failure == IngestFailure.UNRECOGNIZED) {
            log.error("event {} ({}) of {} {} failed in a way not classified as transient or permanent ({}); "
                            + "holding the aggregate", event.eventId(), event.type(), event.aggregateType(), event.aggregateId(),
                    IngestFailure.describe(e), stackOnly(e));
        } else {
            log.warn("event {} ({}) of {} {} cannot be applied ({}); holding the aggregate, other cases go on",
                    event.eventId(), event.type(), event.aggregateType(), event.aggregateId(), IngestFailure.describe(e));
        }
        try {
            ingestion.refuse(event, reason);
        } catch (RuntimeException holdFailed) {
            if (IngestFailure.of(holdFailed) == IngestFailure.TRANSIENT) {
                throw holdFailed;
            }
            // Not even the hold can be recorded. Skipping the event is still safe for the views: its
            // aggregate's sequence did not move, so the aggregate's next event finds a gap and holds it.
            log.error("event {} ({}) of {} {} skipped: holding its aggregate failed too ({})", event.eventId(),
                    event.type(), event.aggregateType(), event.aggregateId(), IngestFailure.describe(holdFailed));
        }
    }

    /** Says so once when the topic is not there yet; polling goes on regardless and picks it up later. */
    private void reportIfTopicMissing(KafkaConsumer<String, String> kafkaConsumer) {
        try {
            if (kafkaConsumer.partitionsFor(settings.topic(), TOPIC_CHECK_TIMEOUT).isEmpty()) {
                log.warn("topic {} does not exist yet; waiting for the command side to create it (never created here)",
                        settings.topic());
            }
        } catch (WakeupException e) {
            throw e;
        } catch (KafkaException e) {
            // the broker did not answer in time: polling will find out, and the health check reports the broker
            log.info("could not check whether topic {} exists ({})", settings.topic(), e.getClass().getSimpleName());
        }
    }

    /** Commits the offsets after the batches the database took; a refusal after a rebalance is only logged. */
    private void commit(KafkaConsumer<String, String> kafkaConsumer, Map<TopicPartition, OffsetAndMetadata> offsets) {
        try {
            kafkaConsumer.commitSync(offsets);
        } catch (CommitFailedException | RebalanceInProgressException e) {
            // the group rebalanced: the new owner reads these events again and skips them as redelivered
            log.info("offset commit refused after a rebalance; the batch will be redelivered and skipped");
        }
    }

    private void reportFailure(RuntimeException e, Duration backoff) {
        if (IngestFailure.of(e) == IngestFailure.TRANSIENT) {
            // the message is not logged: a database error can quote the row, personal data included
            log.warn("database unavailable ({}); retrying the batch in {}", IngestFailure.describe(e), backoff);
        } else {
            // polling or committing failed (the broker, the group), not an event: read the batch again
            log.error("event batch failed ({}); retrying in {}", IngestFailure.describe(e), backoff, stackOnly(e));
        }
    }

    /** The same stack without the messages, which could quote a stored value. */
    private static Throwable stackOnly(Throwable error) {
        Throwable copy = new Throwable(error.getClass().getName());
        copy.setStackTrace(error.getStackTrace());
        Throwable cause = error.getCause();
        if (cause != null && cause != error) {
            copy.initCause(stackOnly(cause));
        }
        return copy;
    }

    private boolean stopping() {
        return stopRequested.getCount() == 0;
    }

    private Map<String, Object> consumerProperties() {
        return Map.ofEntries(
                Map.entry(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, (int) settings.sessionTimeout().toMillis()),
                Map.entry(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, (int) settings.sessionTimeout().toMillis() / 3),
                Map.entry(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrap()),
                Map.entry(ConsumerConfig.GROUP_ID_CONFIG, settings.group()),
                Map.entry(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false),
                // the relay writes transactionally at most: never read what it may still abort
                Map.entry(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"),
                // a new group reads the whole history: the topic keeps every event
                Map.entry(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
                Map.entry(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, settings.maxPollRecords()),
                Map.entry(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, settings.maxPartitionFetchBytes()),
                // Under a steady load the broker answers a fetch once this much has gathered or the wait is
                // over, so a poll brings a few events, taken in together (groups), rather than one at a time;
                // under a backlog the bytes are there at once.
                Map.entry(ConsumerConfig.FETCH_MIN_BYTES_CONFIG, settings.fetchMinBytes()),
                Map.entry(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, (int) settings.fetchMaxWait().toMillis()),
                // The command side creates the topic with unlimited retention (guarantee 6); a topic
                // created here would get the cluster's default retention and silently lose history.
                // Until it exists the consumer keeps polling: the client asks for metadata again while a
                // subscribed topic is unknown, and is assigned its partitions soon after it appears.
                Map.entry(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false),
                Map.entry(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class),
                Map.entry(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class));
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
