-- Issue 4: rebuilds of every view from the event store into fresh tables (schema rebuild_<id>), compared
-- with the live views row by row. One row per rebuild: its progress and what it found.
CREATE TABLE views.rebuild (
    rebuild_id           text        PRIMARY KEY,
    schema_name          text        NOT NULL,
    status               text        NOT NULL,    -- RUNNING, COMPLETED, FAILED, SWITCHED
    requested_by         text        NOT NULL,
    started_at           timestamptz NOT NULL,
    finished_at          timestamptz,
    up_to_global_index   bigint,                  -- the last event of the store when the rebuild began
    events_replayed      bigint      NOT NULL DEFAULT 0,
    events_held          bigint      NOT NULL DEFAULT 0,
    replay_seconds       double precision,
    events_per_second    bigint,
    rows_compared        bigint,
    rows_not_compared    bigint,                  -- of aggregates that changed after up_to_global_index
    difference_count     bigint,
    differences          jsonb,                   -- the first differences: [{view, key, live, rebuilt}]
    switched_at          timestamptz,
    failure              text
);

-- one rebuild at a time
CREATE UNIQUE INDEX rebuild_one_running ON views.rebuild ((true)) WHERE status = 'RUNNING';
