-- The team digests the Worker has put on the events queue, by event id
-- (`team-digest:{survey}:{digest}:{first day}`), so a second trigger run in
-- the digest's hour, or a run by hand, sends nothing new. Receivers drop a
-- repeated id too; this keeps the repeat off the queue and out of Slack,
-- which has no ids to drop by.
CREATE TABLE team_digests_sent (
    id      TEXT PRIMARY KEY,
    sent_at INTEGER NOT NULL -- unix milliseconds
) WITHOUT ROWID;
