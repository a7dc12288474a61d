-- Issue 4, erasure of a worker's personal data: allowed only when none of the worker's claims is open and
-- the relief fund is owed nothing it paid them (DOMAIN.md, "Personal data"). The command side keeps what
-- decides it per case, in the same transaction as the events (subscribing handler WorkerMatters).
CREATE TABLE worker_case (
    case_id           TEXT    PRIMARY KEY,
    claimant_key      TEXT    NOT NULL,
    open              BOOLEAN NOT NULL DEFAULT true,
    owed_to_fund_fen  BIGINT  NOT NULL DEFAULT 0
);
CREATE INDEX worker_case_by_worker ON worker_case (claimant_key);

-- Cases stored before this table: folded from the event store once.
INSERT INTO worker_case (case_id, claimant_key)
SELECT aggregateIdentifier, convert_from(payload, 'UTF8')::jsonb -> 'claimant' ->> 'claimantKey'
FROM DomainEventEntry WHERE payloadType LIKE '%.DisputeRegistered'
ON CONFLICT (case_id) DO NOTHING;

-- open: the latest of a closure and a reopening by legal aid decides
UPDATE worker_case w SET open = NOT EXISTS (
    SELECT 1 FROM DomainEventEntry closed
    WHERE closed.aggregateIdentifier = w.case_id
      AND closed.payloadType LIKE '%.CaseClosed'
      AND NOT EXISTS (SELECT 1 FROM DomainEventEntry reopened
                      WHERE reopened.aggregateIdentifier = w.case_id
                        AND reopened.payloadType LIKE '%.LegalAidAssigned'
                        AND (convert_from(reopened.payload, 'UTF8')::jsonb ->> 'reopened')::boolean
                        AND reopened.sequenceNumber > closed.sequenceNumber));

-- owed to the fund: the payout, then what the latest repayment left
UPDATE worker_case w SET owed_to_fund_fen = COALESCE((
    SELECT CASE WHEN e.payloadType LIKE '%.ReliefPaid' THEN (convert_from(e.payload, 'UTF8')::jsonb ->> 'amountFen')::bigint
                ELSE (convert_from(e.payload, 'UTF8')::jsonb ->> 'stillOwedToFundFen')::bigint END
    FROM DomainEventEntry e
    WHERE e.aggregateIdentifier = w.case_id
      AND (e.payloadType LIKE '%.ReliefPaid' OR e.payloadType LIKE '%.ReliefRecovered')
    ORDER BY e.sequenceNumber DESC LIMIT 1), 0);
