-- Deliveries given up on: a destination rejected them (4xx other than 410),
-- kept failing until the retries ran out, or the deployment no longer knows
-- where to send them. Nothing is dropped silently: each lands here, with the
-- message to resend once the cause is fixed.
CREATE TABLE dead_letters (
    delivery_key   TEXT PRIMARY KEY, -- {event_id}@{destination_id}; a repeat is one row
    event_id       TEXT,             -- NULL for a queue message we could not read
    survey_id      TEXT,
    destination_id TEXT,
    reason         TEXT    NOT NULL,
    attempts       INTEGER NOT NULL,
    message        TEXT    NOT NULL, -- the delivery as queued (JSON), or the unreadable text
    created_at     INTEGER NOT NULL  -- unix milliseconds
);
