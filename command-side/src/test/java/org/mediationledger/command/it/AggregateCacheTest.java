package org.mediationledger.command.it;

import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.MetaData;
import org.junit.jupiter.api.Test;
import org.mediationledger.command.config.CaffeineAggregateCache;
import org.mediationledger.command.config.StoreCheckedCachingRepository;
import org.mediationledger.command.disputecase.Acting;
import org.mediationledger.command.disputecase.DisputeCaseCommands.RecordWagePayment;
import org.mediationledger.events.common.PaymentSource;
import org.mediationledger.events.wire.EventMetadata;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The aggregate cache never lets a command decide on a case the store does not hold (decision 0023):
 * not after a transaction around Axon's unit of work rolled back, and not when another command-side
 * node wrote to the same case. Each case is checked by what only a correct case could have written:
 * the running totals the payments carry and sequence numbers without a gap.
 */
class AggregateCacheTest {

    private static final long CLAIM_FEN = 100_000;

    @Test
    void aPaymentWhoseOuterTransactionRolledBack_leavesNoTraceInTheNextCommand() throws Exception {
        Map<String, String> settings = CommandSideRun.freshDatabase();
        settings.put("ml.deadlines.poll-interval", "1h"); // no mediation-period lapse adds a version meanwhile
        try (CommandSideRun node = CommandSideRun.start(settings)) {
            DemoClient http = new DemoClient(node.port());
            String caseId = mediatedCase(http);
            assertPaid(http, caseId, "pay-1", 10_000);
            assertThat(node.bean(CaffeineAggregateCache.class).containsKey(caseId)).as("cached after its commands").isTrue();

            // as the Idempotency-Key path does: Axon's unit of work commits inside a transaction that
            // then rolls back, after the case in the cache took the payment
            new TransactionTemplate(node.bean(org.springframework.transaction.PlatformTransactionManager.class)).executeWithoutResult(tx -> {
                node.bean(CommandGateway.class).sendAndWait(GenericCommandMessage.asCommandMessage(
                                new RecordWagePayment(caseId, "pay-rolled-back", 50_000, LocalDate.of(2025, 6, 20),
                                        PaymentSource.EMPLOYER_VOLUNTARY, null))
                        .withMetaData(MetaData.with(EventMetadata.ACTOR_ID, "lawyer1")
                                .and(EventMetadata.ACTOR_ROLE, "LAWYER").and(Acting.BOUND_TO, "lawyer1")));
                tx.setRollbackOnly();
            });
            assertThat(payments(node.jdbc(), caseId)).as("the rolled-back payment is not stored").hasSize(1);

            // 60,000 fits what is really outstanding (90,000), not what the cache would have believed (40,000)
            assertPaid(http, caseId, "pay-2", 60_000);
            assertThat(payments(node.jdbc(), caseId)).containsExactly(10_000L, 70_000L);
            assertContiguousVersions(node.jdbc(), caseId);
            assertThat(node.bean(StoreCheckedCachingRepository.class).staleEntries()).isEqualTo(1);
        }
    }

    @Test
    void twoNodesWritingToTheSameCase_eachDecideOnWhatTheOtherStored() throws Exception {
        Map<String, String> settings = CommandSideRun.freshDatabase();
        settings.put("ml.deadlines.poll-interval", "1h");
        try (CommandSideRun first = CommandSideRun.start(settings);
             CommandSideRun second = CommandSideRun.start(settings)) {
            DemoClient one = new DemoClient(first.port());
            DemoClient other = new DemoClient(second.port());
            String caseId = mediatedCase(one);
            // each node caches the case after its own payment, then the other appends behind its back
            for (int round = 0; round < 4; round++) {
                assertPaid(round % 2 == 0 ? one : other, caseId, "pay-" + round, 20_000);
            }
            // 20,000 is outstanding; a node that believed its own cache would see 40,000 or 60,000
            HttpResponse<String> tooMuch = other.post("/api/cases/" + caseId + "/payments", "lawyer1", payment("pay-over", 20_001));
            assertThat(tooMuch.statusCode()).as(tooMuch.body()).isEqualTo(409);
            assertThat(tooMuch.body()).contains("20000 fen of 100000");
            assertThat(payments(first.jdbc(), caseId)).containsExactly(20_000L, 40_000L, 60_000L, 80_000L);
            assertContiguousVersions(first.jdbc(), caseId);
            assertThat(first.bean(StoreCheckedCachingRepository.class).staleEntries()
                    + second.bean(StoreCheckedCachingRepository.class).staleEntries()).isGreaterThanOrEqualTo(2);
        }
    }

    private static String mediatedCase(DemoClient http) throws Exception {
        HttpResponse<String> lawyer = http.post("/api/lawyers", "staff", "{\"lawyerId\":\"lawyer1\",\"name\":\"李娜\",\"maxActiveCases\":100}");
        assertThat(lawyer.statusCode()).as(lawyer.body()).isIn(201, 409);
        String caseId = UUID.randomUUID().toString();
        HttpResponse<String> registered = http.post("/api/cases", "staff",
                CommandSideIntegrationTest.intake(caseId, CommandSideIntegrationTest.ID_NUMBER, CLAIM_FEN));
        assertThat(registered.statusCode()).as(registered.body()).isEqualTo(201);
        HttpResponse<String> assigned = http.post("/api/cases/" + caseId + "/mediator", "staff",
                "{\"lawyerId\":\"lawyer1\",\"receivedOn\":\"2025-06-03\"}");
        assertThat(assigned.statusCode()).as(assigned.body()).isEqualTo(200);
        return caseId;
    }

    private static void assertPaid(DemoClient http, String caseId, String paymentId, long amountFen) throws Exception {
        HttpResponse<String> paid = http.post("/api/cases/" + caseId + "/payments", "lawyer1", payment(paymentId, amountFen));
        assertThat(paid.statusCode()).as(paid.body()).isEqualTo(201);
    }

    private static String payment(String paymentId, long amountFen) {
        return CommandSideIntegrationTest.payment(paymentId, amountFen);
    }

    /** The running total each stored payment carries, in order. */
    private static List<Long> payments(JdbcTemplate jdbc, String caseId) {
        return jdbc.queryForList("SELECT (convert_from(payload, 'UTF8')::jsonb ->> 'recoveredFen')::bigint FROM DomainEventEntry "
                + "WHERE aggregateIdentifier = ? AND payloadType LIKE '%WagePaymentRecorded' ORDER BY sequenceNumber", Long.class, caseId);
    }

    private static void assertContiguousVersions(JdbcTemplate jdbc, String caseId) {
        List<Long> sequences = jdbc.queryForList("SELECT sequenceNumber FROM DomainEventEntry WHERE aggregateIdentifier = ? "
                + "ORDER BY sequenceNumber", Long.class, caseId);
        for (int i = 0; i < sequences.size(); i++) {
            assertThat(sequences.get(i)).as("sequence number %s of case %s", i, caseId).isEqualTo(i);
        }
    }
}
