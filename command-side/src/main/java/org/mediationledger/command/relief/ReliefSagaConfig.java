package org.mediationledger.command.relief;

import org.axonframework.config.EventProcessingConfigurer;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.modelling.saga.repository.jdbc.PostgresSagaSqlSchema;
import org.axonframework.modelling.saga.repository.jdbc.SagaSqlSchema;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The relief saga's store and error handling (decision 0011). */
@Configuration
public class ReliefSagaConfig {

    /** Axon's JDBC saga store (auto-configured) on the PostgreSQL dialect: bytea for saga state; tables in Flyway V3. */
    @Bean
    public SagaSqlSchema sagaSqlSchema() {
        return new PostgresSagaSqlSchema();
    }

    /**
     * A failed step (a lock timeout, a lost connection) must be retried by the tracking processor, not logged
     * and forgotten: the application would then wait for ever. Every step is idempotent, so a retry is safe.
     */
    @Autowired
    public void propagateSagaErrors(EventProcessingConfigurer configurer) {
        configurer.registerListenerInvocationErrorHandler(ReliefApplicationSaga.PROCESSING_GROUP,
                c -> PropagatingErrorHandler.instance());
    }
}
