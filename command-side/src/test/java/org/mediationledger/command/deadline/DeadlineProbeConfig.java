package org.mediationledger.command.deadline;

import org.axonframework.config.EventProcessingConfigurer;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.mediationledger.command.relay.KafkaRelay;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Import;

/**
 * Adds the {@link DeadlineProbe} aggregate to a test's application, and keeps its events away from the
 * Kafka relay, which (rightly) refuses any event outside the published language.
 */
@TestConfiguration(proxyBeanMethods = false)
@Import(DeadlineProbe.class)
public class DeadlineProbeConfig {

    @Autowired
    public void keepProbeEventsOffKafka(EventProcessingConfigurer configurer) {
        MessageHandlerInterceptor<EventMessage<?>> skipProbeEvents = (unitOfWork, chain) ->
                unitOfWork.getMessage().getPayload() instanceof DeadlineProbe.ProbeEvent ? null : chain.proceed();
        configurer.registerHandlerInterceptor(KafkaRelay.PROCESSING_GROUP, c -> skipProbeEvents);
    }
}
