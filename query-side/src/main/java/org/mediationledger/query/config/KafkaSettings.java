package org.mediationledger.query.config;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;

/**
 * Where the Kafka cluster is.
 *
 * @param bootstrap     bootstrap servers, e.g. {@code localhost:19092}
 * @param healthTimeout how long the health check waits for the cluster to answer
 */
@ConfigurationProperties("ml.kafka")
public record KafkaSettings(String bootstrap, Duration healthTimeout) {
}
