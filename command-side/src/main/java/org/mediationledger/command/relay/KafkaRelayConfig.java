package org.mediationledger.command.relay;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.axonframework.config.EventProcessingConfigurer;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * The Kafka side of the relay: an idempotent producer that waits for every in-sync replica
 * ({@code acks=all}), and topic {@code mediation.events} created if missing with unlimited retention,
 * because views are rebuilt from it (ARCHITECTURE.md, guarantee 6).
 */
@Configuration
public class KafkaRelayConfig {

    private static final Logger log = LoggerFactory.getLogger(KafkaRelayConfig.class);

    @Bean(destroyMethod = "close")
    public Admin kafkaAdmin(@Value("${ml.kafka.bootstrap-servers}") String bootstrap) {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 15_000);
        return Admin.create(props);
    }

    @Bean(destroyMethod = "close")
    public Producer<String, byte[]> relayProducer(@Value("${ml.kafka.bootstrap-servers}") String bootstrap,
                                                  EventTopic topic) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5); // idempotence keeps order per partition up to 5
        props.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        props.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 30_000);
        props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        props.put(ProducerConfig.CLIENT_ID_CONFIG, "command-side-relay");
        return new KafkaProducer<>(props);
    }

    /** Created before the producer, so the relay never publishes into a topic with a default retention. */
    @Bean
    public EventTopic eventTopic(Admin admin,
                                 @Value("${ml.kafka.topic}") String name,
                                 @Value("${ml.kafka.topic-partitions}") int partitions,
                                 @Value("${ml.kafka.topic-replication}") short replication) throws InterruptedException {
        NewTopic topic = new NewTopic(name, partitions, replication).configs(Map.of(
                TopicConfig.RETENTION_MS_CONFIG, "-1",
                TopicConfig.RETENTION_BYTES_CONFIG, "-1",
                TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_DELETE));
        try {
            admin.createTopics(List.of(topic)).all().get(30, TimeUnit.SECONDS);
            log.info("created topic {} with {} partitions and unlimited retention", name, partitions);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new IllegalStateException("topic " + name + " could not be created", e.getCause());
            }
            keepForever(admin, name);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("Kafka did not answer within 30 s while creating topic " + name, e);
        }
        return new EventTopic(name);
    }

    public record EventTopic(String name) {
    }

    /**
     * A topic created by someone else (an auto-creating client, an operator) may carry the cluster's
     * default retention, which would silently delete the history views are rebuilt from: set it to
     * unlimited, and say so.
     */
    private static void keepForever(Admin admin, String name) throws InterruptedException {
        ConfigResource topic = new ConfigResource(ConfigResource.Type.TOPIC, name);
        try {
            Config config = admin.describeConfigs(List.of(topic)).all().get(30, TimeUnit.SECONDS).get(topic);
            List<AlterConfigOp> changes = new java.util.ArrayList<>();
            for (String key : List.of(TopicConfig.RETENTION_MS_CONFIG, TopicConfig.RETENTION_BYTES_CONFIG)) {
                ConfigEntry entry = config.get(key);
                if (entry == null || !"-1".equals(entry.value())) {
                    changes.add(new AlterConfigOp(new ConfigEntry(key, "-1"), AlterConfigOp.OpType.SET));
                }
            }
            if (!changes.isEmpty()) {
                log.warn("topic {} existed with limited retention; setting retention to unlimited", name);
                admin.incrementalAlterConfigs(Map.of(topic, changes)).all().get(30, TimeUnit.SECONDS);
            }
        } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("the retention of topic " + name + " could not be checked", e);
        }
    }

    /** A failed publication must stop the batch, so its token does not advance past unpublished events. */
    @Autowired
    public void propagateRelayErrors(EventProcessingConfigurer configurer) {
        configurer.registerListenerInvocationErrorHandler(KafkaRelay.PROCESSING_GROUP, c -> PropagatingErrorHandler.instance());
    }

    /** The service is healthy only when Kafka answers (API.md: health needs the database and Kafka). */
    @Bean
    public HealthIndicator kafkaHealthIndicator(Admin admin) {
        return () -> {
            try {
                String clusterId = admin.describeCluster().clusterId().get(3, TimeUnit.SECONDS);
                return Health.up().withDetail("clusterId", clusterId).build();
            } catch (Exception e) {
                if (e instanceof InterruptedException) {
                    Thread.currentThread().interrupt();
                }
                return Health.down().withDetail("kafka", "unreachable").build();
            }
        };
    }
}
