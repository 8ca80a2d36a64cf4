-- Per-client fixed-window request counters for the write routes: one row per
-- client and minute. Every count also deletes the rows of past minutes, so the
-- table holds about one row per client active this minute.
CREATE TABLE rate_limits (
    client TEXT    NOT NULL, -- IPv4 address, or IPv6 /64 (shared::client::client_key)
    window INTEGER NOT NULL, -- unix minute
    hits   INTEGER NOT NULL,
    PRIMARY KEY (client, window)
) WITHOUT ROWID;
