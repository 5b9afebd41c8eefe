-- A desktop start holds its session row until starting_until, which the starting process renews while
-- it works: once that has passed, the process is gone (a crash), and the start is ended as failed at the
-- user's next open or by the worker. Null when no start holds the row.
ALTER TABLE desktop_sessions ADD COLUMN starting_until timestamptz;
