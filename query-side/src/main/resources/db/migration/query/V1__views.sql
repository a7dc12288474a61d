-- The query side's tables. Everything here is derived from the event stream and can be rebuilt
-- from it; the command side's tables live in the public and pii schemas of the same database.

-- Each event id the projections have taken in, so that a redelivered event is skipped.
CREATE TABLE views.processed_event (
    event_id     text PRIMARY KEY,
    global_index bigint      NOT NULL,
    processed_at timestamptz NOT NULL DEFAULT now()
);

-- Per aggregate, the last sequence applied. A gap stalls the aggregate: nothing past the gap is
-- applied until the missing event arrives, so a view never shows totals computed without it.
CREATE TABLE views.aggregate_sequence (
    aggregate_id      text PRIMARY KEY,
    aggregate_type    text   NOT NULL,
    last_sequence     bigint NOT NULL,      -- -1: nothing applied yet
    stalled_expected  bigint,               -- the sequence the view waits for; null when not stalled
    stalled_received  bigint,               -- the highest sequence seen past the gap
    stalled_since     timestamptz,
    stall_reason      text
);

-- The highest global index applied, per topic partition (one row per partition, so consumers of
-- different partitions never wait on each other); the projection position is their maximum.
CREATE TABLE views.projection_position (
    partition_key text PRIMARY KEY,
    global_index  bigint NOT NULL
);

CREATE TABLE views.lawyer (
    lawyer_id        text PRIMARY KEY,
    name             text        NOT NULL,
    max_active_cases integer     NOT NULL,
    registered_at    timestamptz NOT NULL
);

-- One row per dispute case: the case file's scalar part. Personal data only as ciphertext; it is
-- decrypted and masked at read time with the worker's key, so erasing the key erases it here too.
CREATE TABLE views.dispute_case (
    case_id                   text PRIMARY KEY,
    stage                     text    NOT NULL,
    claimant_key              text    NOT NULL,
    claimant_name             text    NOT NULL,
    id_number_hash            text,
    id_number_cipher          text,
    phone_cipher              text,
    employment_form           text    NOT NULL,
    respondents               jsonb   NOT NULL,
    category                  text    NOT NULL,
    channel                   text    NOT NULL,
    district                  text    NOT NULL,
    facts                     text,
    applied_on                date,
    registered_on             date    NOT NULL,
    claimed_fen               bigint  NOT NULL,
    agreed_fen                bigint,
    enforceable_fen           bigint,
    recovered_fen             bigint  NOT NULL DEFAULT 0,
    relief_paid_fen           bigint  NOT NULL DEFAULT 0,
    outstanding_fen           bigint  NOT NULL,
    mediator_id               text,
    legal_aid_lawyer_id       text,
    responsible_lawyer_id     text,
    court                     text,
    court_case_number         text,
    referral_kind             text,
    court_procedure           text,
    referred_on               date,
    referral_regime           text,
    agreement_effective_on    date,
    instalments               jsonb,
    mediation_deadline        date,
    mediation_deadline_status text,     -- PENDING, MET or LAPSED as recorded; PENDING past its day reads as LAPSED
    closure_outcome           text,
    closed_on                 date,
    version                   bigint  NOT NULL
);
CREATE INDEX dispute_case_registered_on ON views.dispute_case (registered_on);
CREATE INDEX dispute_case_responsible ON views.dispute_case (responsible_lawyer_id, stage);
CREATE INDEX dispute_case_stage ON views.dispute_case (stage);
CREATE INDEX dispute_case_court ON views.dispute_case (court);
CREATE INDEX dispute_case_district ON views.dispute_case (district);

CREATE TABLE views.case_payment (
    case_id    text   NOT NULL REFERENCES views.dispute_case (case_id),
    payment_id text   NOT NULL,
    amount_fen bigint NOT NULL,
    paid_on    date   NOT NULL,
    source     text   NOT NULL,
    PRIMARY KEY (case_id, payment_id)
);
CREATE INDEX case_payment_paid_on ON views.case_payment (paid_on);

CREATE TABLE views.case_session (
    case_id    text NOT NULL REFERENCES views.dispute_case (case_id),
    session_id text NOT NULL,
    held_on    date NOT NULL,
    summary    text,
    PRIMARY KEY (case_id, session_id)
);

CREATE TABLE views.case_timeline (
    case_id     text        NOT NULL,
    sequence    bigint      NOT NULL,
    event_type  text        NOT NULL,
    occurred_at timestamptz NOT NULL,
    actor_id    text,
    actor_role  text,
    PRIMARY KEY (case_id, sequence)
);
