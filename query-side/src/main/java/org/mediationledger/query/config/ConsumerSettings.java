package org.mediationledger.query.config;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;

/**
 * How the query side reads the event topic.
 *
 * @param group               the consumer group; query-side nodes in one group share the partitions
 * @param topic               the event topic ({@code mediation.events})
 * @param pollTimeout         how long one poll waits for records
 * @param maxPollRecords      the most records one poll hands over
 * @param maxPartitionFetchBytes the most bytes fetched from one partition at a time: kept small enough
 *                            that a poll under a backlog spans several partitions, which are then taken
 *                            in side by side (a poll fills from one partition's fetched records first)
 * @param retryBackoffInitial the first wait after a database failure
 * @param retryBackoffMax     the longest wait between retries
 * @param sessionTimeout      how long the group waits for a silent member (a crashed node) before its
 *                            partitions go to another member, or to the same node restarted
 * @param ingestionThreads    how many batches are taken into the database side by side (each holds a
 *                            database connection while it runs)
 * @param groupMinEvents      a poll's partitions go into the database together, one transaction for
 *                            several, until a group holds this many events (EventStreamConsumer#groups)
 * @param fetchMinBytes       the broker answers a fetch once this much is there ...
 * @param fetchMaxWait        ... or once this is over: under a steady load, a few events per poll
 */
@ConfigurationProperties("ml.query-side")
public record ConsumerSettings(String group,
                               String topic,
                               Duration pollTimeout,
                               int maxPollRecords,
                               int maxPartitionFetchBytes,
                               Duration retryBackoffInitial,
                               Duration retryBackoffMax,
                               Duration sessionTimeout,
                               int ingestionThreads,
                               int groupMinEvents,
                               int fetchMinBytes,
                               Duration fetchMaxWait) {
}
