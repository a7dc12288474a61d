-- Issue 3: legal aid, relief and every deadline of a case, the relief-fund ledger.

ALTER TABLE views.dispute_case
    ADD COLUMN legal_aid_basis          text,
    ADD COLUMN legal_aid_applied_on     date,
    ADD COLUMN legal_aid_decision_due_on date,
    ADD COLUMN legal_aid_decided_on     date,
    ADD COLUMN legal_aid_auto_assigned  boolean,
    ADD COLUMN relief_fund_id           text,
    ADD COLUMN relief_status            text,     -- APPLIED, RESERVED (approved, money set aside), PAID, REJECTED
    ADD COLUMN relief_requested_fen     bigint,
    ADD COLUMN relief_amount_fen        bigint,
    ADD COLUMN relief_reason            text,
    ADD COLUMN relief_detail            text,
    ADD COLUMN relief_repaid_fen        bigint NOT NULL DEFAULT 0,
    ADD COLUMN mediation_lapse_recorded boolean NOT NULL DEFAULT false,
    ADD COLUMN mediation_failed_on      date;

-- Deadlines other than the mediation period (which stays on dispute_case): the confirmation window,
-- each instalment (number 1..n) and the legal-aid decision (number 0 where there is one of a kind).
CREATE TABLE views.case_deadline (
    case_id          text    NOT NULL REFERENCES views.dispute_case (case_id),
    kind             text    NOT NULL,    -- CONFIRMATION_WINDOW, INSTALMENT, LEGAL_AID_DECISION
    number           integer NOT NULL,
    due_on           date    NOT NULL,
    due_by_then_fen  bigint,              -- instalments: everything due by the end of due_on
    status           text    NOT NULL,    -- PENDING, MET, LAPSED, OVERDUE, CANCELLED
    resolved         boolean NOT NULL DEFAULT false,   -- a LAPSED/OVERDUE item made good later
    PRIMARY KEY (case_id, kind, number)
);
CREATE INDEX case_deadline_pending ON views.case_deadline (status, due_on);

CREATE TABLE views.relief_fund (
    fund_id            text PRIMARY KEY,
    name               text    NOT NULL,
    per_worker_cap_fen bigint  NOT NULL,
    established_on     date    NOT NULL,
    contributed_fen    bigint  NOT NULL DEFAULT 0,
    reserved_fen       bigint  NOT NULL DEFAULT 0,
    paid_fen           bigint  NOT NULL DEFAULT 0,
    recovered_fen      bigint  NOT NULL DEFAULT 0
);

-- The ledger's lines, one per fund event, in the fund's own order.
CREATE TABLE views.relief_fund_entry (
    fund_id         text    NOT NULL REFERENCES views.relief_fund (fund_id),
    sequence        bigint  NOT NULL,
    kind            text    NOT NULL,     -- CONTRIBUTION, RESERVATION, RESERVATION_REFUSED, RELEASE, PAYOUT, RECOVERY
    case_id         text,
    contribution_id text,
    contributor     text,
    amount_fen      bigint,
    on_date         date,
    reason          text,
    PRIMARY KEY (fund_id, sequence)
);
