-- Issue 11: the recovered-wages report answers from rollups that the case-file fold keeps (decision 0027),
-- not from scans of every case and payment. Each row sums a set of cases or payments of one group and day.
-- grouping: 'all' (group_key ''), or a groupBy of the report: 'district', 'category', 'employmentForm',
-- 'channel', 'month' (group_key YYYY-MM of the row's day).
-- shard: who wrote the row, the topic partition whose batches wrote it ('rebuild' for a rebuild's rows,
-- 'migration' for what this migration found). Partitions are taken in side by side; with rows of their own
-- they never wait on one another for a row. A report sums over shards.
-- fillfactor: the rows of the day are updated by every batch, in place when the page has room (HOT).

-- The figures of the cases registered that day, as they stand now.
CREATE TABLE views.report_case_day (
    grouping        text   NOT NULL,
    group_key       text   NOT NULL,
    registered_on   date   NOT NULL,
    shard           text   NOT NULL,
    cases           bigint NOT NULL,
    claimed_fen     bigint NOT NULL,
    agreed_fen      bigint NOT NULL,
    relief_paid_fen bigint NOT NULL,
    outstanding_fen bigint NOT NULL,
    PRIMARY KEY (grouping, registered_on, group_key, shard)
) WITH (fillfactor = 50);

-- Distinct workers, countable over any period: each case is counted under its registration day and the
-- registration day of the same worker's previous case in the same group ('-infinity' for the first; cases
-- ordered by day, then case id). The workers with a case between from and to are the cases in that period
-- whose previous case is before from: one per worker, the first of theirs in the period.
CREATE TABLE views.report_worker_day (
    grouping      text   NOT NULL,
    group_key     text   NOT NULL,
    registered_on date   NOT NULL,
    previous_on   date   NOT NULL,
    shard         text   NOT NULL,
    workers       bigint NOT NULL,
    PRIMARY KEY (grouping, registered_on, previous_on, group_key, shard)
) WITH (fillfactor = 50);

-- The money recovered that day: a payment counts by its own date, in its case's groups (and its own month).
CREATE TABLE views.report_payment_day (
    grouping      text   NOT NULL,
    group_key     text   NOT NULL,
    paid_on       date   NOT NULL,
    shard         text   NOT NULL,
    recovered_fen bigint NOT NULL,
    PRIMARY KEY (grouping, paid_on, group_key, shard)
) WITH (fillfactor = 50);

-- a worker's other cases, read when a new one is counted (and by an erasure, which had to scan)
CREATE INDEX dispute_case_claimant ON views.dispute_case (claimant_key);
