-- Issue 4: the case file as it stood (GET /api/audit/cases/{id}/state?asOf=) replays a case's events from
-- the nearest snapshot instead of from its registration (docs/decisions/0017). A snapshot is the case's
-- rows of the case-file tables right after one of its events, taken by CaseFileProjection itself every
-- SNAPSHOT_EVERY events of the case. Derived from the events like every view, so a rebuild fills and
-- compares this table too. Personal data only as the views hold it (ciphertext), and an erasure scrubs it
-- here as it does in views.dispute_case.
CREATE TABLE views.case_file_snapshot (
    case_id  text   NOT NULL REFERENCES views.dispute_case (case_id),
    sequence bigint NOT NULL,   -- the case's last event folded into it
    layout   text   NOT NULL,   -- the case-file tables' columns when it was taken: a snapshot of another layout is not used
    tables   jsonb  NOT NULL,   -- {"dispute_case": [row, ...], "case_payment": [...], ...}, each row as to_jsonb
    PRIMARY KEY (case_id, sequence)
);
