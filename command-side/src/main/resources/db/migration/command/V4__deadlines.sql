-- Deadlines that survive restarts (ARCHITECTURE.md, guarantee 7): db-scheduler's table, as its 16.x
-- JdbcTaskRepository reads and writes it on PostgreSQL. Axon's DbSchedulerDeadlineManager keeps one row
-- per scheduled deadline (task_name 'AxonDeadline', task_data the serialized deadline message and scope);
-- a row leaves the table when its deadline ran or was cancelled. Neither db-scheduler nor Axon creates
-- this table: Flyway does, before the scheduler starts (docs/decisions/0009-persistent-deadlines.md).

CREATE TABLE scheduled_tasks (
    task_name            TEXT                     NOT NULL,
    task_instance        TEXT                     NOT NULL,
    task_data            BYTEA,
    execution_time       TIMESTAMP WITH TIME ZONE NOT NULL,
    picked               BOOLEAN                  NOT NULL,
    picked_by            TEXT,
    last_success         TIMESTAMP WITH TIME ZONE,
    last_failure         TIMESTAMP WITH TIME ZONE,
    consecutive_failures INTEGER,
    last_heartbeat       TIMESTAMP WITH TIME ZONE,
    version              BIGINT                   NOT NULL,
    -- unused while priorities are off; present so that turning them on needs no migration
    priority             SMALLINT,
    PRIMARY KEY (task_name, task_instance)
);

-- every poll asks for unpicked rows due by now
CREATE INDEX execution_time_idx ON scheduled_tasks (execution_time);
-- dead-execution detection looks for picked rows whose heartbeat is old
CREATE INDEX last_heartbeat_idx ON scheduled_tasks (last_heartbeat);
CREATE INDEX priority_execution_time_idx ON scheduled_tasks (priority DESC, execution_time ASC);
