-- Issue 4: every unmasked read of a worker's personal data, so that an auditor can list who saw a
-- worker's ID number and when. Not derived from events, so not in the views schema that rebuilds replace;
-- rows are only ever added.
CREATE SCHEMA IF NOT EXISTS access_log;

CREATE TABLE access_log.personal_data_read (
    read_id      bigserial   PRIMARY KEY,
    read_at      timestamptz NOT NULL DEFAULT now(),
    reader_id    text        NOT NULL,
    reader_role  text        NOT NULL,
    case_id      text        NOT NULL,
    claimant_key text        NOT NULL,
    request_id   text
);
CREATE INDEX personal_data_read_by_worker ON access_log.personal_data_read (claimant_key, read_at);

CREATE FUNCTION access_log.refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'the record of personal-data reads is append-only';
END $$;

CREATE TRIGGER personal_data_read_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON access_log.personal_data_read
    FOR EACH STATEMENT EXECUTE FUNCTION access_log.refuse_change();
