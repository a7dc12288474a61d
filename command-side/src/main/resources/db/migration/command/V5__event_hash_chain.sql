-- A hash chain over each aggregate's events (issue 4; docs/decisions/0012-hash-chain.md). Every stored
-- event gets chainHash = SHA-256(previous event's chainHash || canonical form of this event), the first
-- event of an aggregate chaining from 32 zero bytes. The canonical form is each of these fields as a
-- 4-byte big-endian length followed by its bytes (length -1 and no bytes for null): aggregateIdentifier,
-- sequenceNumber (8 bytes), eventIdentifier, payloadType, payloadRevision, timeStamp (UTF-8 text),
-- payload, metaData (the stored bytes: ciphertext, never plaintext, so erasing a key never breaks it).
-- The database computes it, so no writer can store an event without its link; the query side's
-- verification recomputes it from the stored rows (ChainHash.java must match this function).

ALTER TABLE DomainEventEntry ADD COLUMN chainHash BYTEA;

CREATE FUNCTION event_chain_field(value BYTEA) RETURNS BYTEA LANGUAGE sql IMMUTABLE AS $$
    SELECT CASE WHEN value IS NULL THEN int4send(-1) ELSE int4send(length(value)) || value END
$$;

CREATE FUNCTION event_chain_hash(previous BYTEA, e DomainEventEntry) RETURNS BYTEA LANGUAGE sql IMMUTABLE AS $$
    SELECT sha256(previous
        || event_chain_field(convert_to(e.aggregateIdentifier, 'UTF8'))
        || event_chain_field(int8send(e.sequenceNumber))
        || event_chain_field(convert_to(e.eventIdentifier, 'UTF8'))
        || event_chain_field(convert_to(e.payloadType, 'UTF8'))
        || event_chain_field(convert_to(e.payloadRevision, 'UTF8'))
        || event_chain_field(convert_to(e.timeStamp, 'UTF8'))
        || event_chain_field(e.payload)
        || event_chain_field(e.metaData))
$$;

CREATE FUNCTION link_event_to_chain() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    previous BYTEA;
BEGIN
    IF NEW.sequenceNumber = 0 THEN
        previous := '\x0000000000000000000000000000000000000000000000000000000000000000'::bytea;
    ELSE
        SELECT chainHash INTO previous FROM DomainEventEntry
         WHERE aggregateIdentifier = NEW.aggregateIdentifier AND sequenceNumber = NEW.sequenceNumber - 1;
        IF previous IS NULL THEN
            RAISE EXCEPTION 'event % of % has no stored predecessor to chain to', NEW.sequenceNumber, NEW.aggregateIdentifier;
        END IF;
    END IF;
    NEW.chainHash := event_chain_hash(previous, NEW);
    RETURN NEW;
END;
$$;

-- Events stored before this migration get their links now, in order (the immutability trigger is
-- suspended for this one backfill and restored before the migration's transaction commits).
ALTER TABLE DomainEventEntry DISABLE TRIGGER domain_event_entry_immutable;
DO $$
DECLARE
    e DomainEventEntry;
    previous BYTEA;
    current_aggregate VARCHAR(255) := NULL;
BEGIN
    FOR e IN SELECT * FROM DomainEventEntry ORDER BY aggregateIdentifier, sequenceNumber LOOP
        IF current_aggregate IS DISTINCT FROM e.aggregateIdentifier THEN
            previous := '\x0000000000000000000000000000000000000000000000000000000000000000'::bytea;
            current_aggregate := e.aggregateIdentifier;
        END IF;
        previous := event_chain_hash(previous, e);
        UPDATE DomainEventEntry SET chainHash = previous WHERE globalIndex = e.globalIndex;
    END LOOP;
END;
$$;
ALTER TABLE DomainEventEntry ENABLE TRIGGER domain_event_entry_immutable;

CREATE TRIGGER domain_event_entry_chain
    BEFORE INSERT ON DomainEventEntry
    FOR EACH ROW EXECUTE FUNCTION link_event_to_chain();
