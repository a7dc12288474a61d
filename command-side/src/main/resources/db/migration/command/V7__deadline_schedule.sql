-- The id of each scheduled deadline under its scope (Axon's scope description, e.g. the case) and
-- name, so that a command cancels a deadline by its id instead of reading every row of
-- scheduled_tasks (decision 0024). Written and deleted in the command's own transaction.
CREATE TABLE deadline_schedule (
    scope         TEXT NOT NULL,
    deadline_name TEXT NOT NULL,
    schedule_id   TEXT NOT NULL,
    PRIMARY KEY (scope, deadline_name, schedule_id)
);
