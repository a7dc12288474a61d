-- Per-worker keys for personal data (DOMAIN.md, "Personal data"). A worker is one ID number, matched by
-- its keyed hash. Erasing a worker sets worker_key to NULL: their ciphertexts can then never be read.
CREATE SCHEMA IF NOT EXISTS pii;

CREATE TABLE pii.worker_key (
    claimant_key   TEXT        PRIMARY KEY,
    id_number_hash TEXT        NOT NULL UNIQUE,
    worker_key     BYTEA,
    created_at     TIMESTAMPTZ NOT NULL DEFAULT now(),
    erased_at      TIMESTAMPTZ
);

-- The secret of the keyed hash, generated once when none is configured.
CREATE TABLE pii.matching_secret (
    id         SMALLINT    PRIMARY KEY CHECK (id = 1),
    secret     BYTEA       NOT NULL,
    created_at TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- The command side's own count of each lawyer's active cases, kept by a subscribing event handler in
-- the same transaction as the events, and locked by an assignment so that two at once cannot both take
-- a lawyer's last free place.
CREATE TABLE lawyer_caseload (
    lawyer_id        TEXT    PRIMARY KEY,
    max_active_cases INTEGER NOT NULL,
    active_cases     INTEGER NOT NULL DEFAULT 0 CHECK (active_cases >= 0)
);

CREATE TABLE case_responsibility (
    case_id   TEXT PRIMARY KEY,
    lawyer_id TEXT NOT NULL
);

-- Answers of requests sent with an Idempotency-Key, kept so that a retry gets the first answer.
CREATE TABLE idempotency_record (
    actor_id        TEXT        NOT NULL,
    idempotency_key TEXT        NOT NULL,
    request_hash    TEXT        NOT NULL,
    status          INTEGER,
    etag            TEXT,
    location        TEXT,
    body            TEXT,
    created_at      TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (actor_id, idempotency_key)
);
