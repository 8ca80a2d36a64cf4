-- Clicks that a person made (shared/src/link/scanner.rs). Mail security
-- scanners open every link of a message, so an email click is recorded at
-- once but counts, and is forwarded, only once it looks human: confirmed on
-- the landing page, or settled when the survey's `click_settle_seconds`
-- passed after the last click without a sign of a scanner.
--   settled_at:   when an unconfirmed click's quiet period ended and it was
--                 judged (unix ms); NULL while it waits, and again after a
--                 later click, which starts the wait anew
--   suspect:      why the settled click was taken for a scanner's
--                 ('honeypot', 'several_scores', 'too_soon'); NULL if not
--   announced_at: the time of the write (or settled click) that first made
--                 the answer count, whose event is `response.created`; any
--                 later change is a `response.updated`. NULL: never counted
--   state:        what reports make of the row: 'confirmed' (the widget, the
--                 landing page), 'settled' (a click judged a person's),
--                 'suspect' (a click judged a scanner's), 'pending' (a click
--                 in its quiet period). Counted: 'confirmed' and 'settled'.
ALTER TABLE responses ADD COLUMN settled_at INTEGER;
ALTER TABLE responses ADD COLUMN suspect TEXT;
ALTER TABLE responses ADD COLUMN announced_at INTEGER;
ALTER TABLE responses ADD COLUMN state TEXT GENERATED ALWAYS AS (
    CASE WHEN confirmed = 1 THEN 'confirmed'
         WHEN suspect IS NOT NULL THEN 'suspect'
         WHEN settled_at IS NOT NULL THEN 'settled'
         ELSE 'pending' END) VIRTUAL;

-- Before this migration every answer was forwarded when stored, clicks
-- included: they all count, as they did.
UPDATE responses SET announced_at = created_at,
    settled_at = CASE WHEN confirmed = 0 THEN updated_at END;

-- The daily trigger's backstop settles clicks whose settling was never
-- queued (the queue refused it): the few rows still waiting, oldest first.
CREATE INDEX responses_unsettled ON responses (updated_at)
WHERE confirmed = 0 AND settled_at IS NULL;

-- Every visit to an email's links, kept to judge its clicks: the score
-- clicked, or -1 for the hidden honeypot link, and the link's `issued_at`
-- (unix seconds) if its token says. A redelivered write changes nothing.
CREATE TABLE link_visits (
    response_id TEXT    NOT NULL,
    at          INTEGER NOT NULL, -- unix milliseconds
    score       INTEGER NOT NULL CHECK (score BETWEEN -1 AND 10),
    issued_at   INTEGER,
    PRIMARY KEY (response_id, at, score)
) WITHOUT ROWID;

-- An answer erased or past retention takes its visits with it.
CREATE TRIGGER link_visits_delete AFTER DELETE ON responses BEGIN
    DELETE FROM link_visits WHERE response_id = OLD.id;
END;

-- daily_counts (0012) counts by `confirmed`; 0020 rebuilds it to count by
-- `state`, so reports can leave out what waits and what a scanner clicked.
