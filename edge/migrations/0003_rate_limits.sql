-- Per-client fixed-window request counters for the write routes. One row per
-- client and minute; a client's older windows are deleted when it starts a
-- new one, so the table holds about one row per client active this minute.
CREATE TABLE rate_limits (
    client TEXT    NOT NULL, -- the client's IP address (cf-connecting-ip)
    window INTEGER NOT NULL, -- unix minute
    hits   INTEGER NOT NULL,
    PRIMARY KEY (client, window)
) WITHOUT ROWID;
