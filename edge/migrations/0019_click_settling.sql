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

-- daily_counts (0012) counted by `confirmed`; it now counts by `state`, so
-- reports can leave out what waits and what a scanner clicked. Rebuilt from
-- the answers, with its triggers.
DROP TRIGGER daily_counts_insert;
DROP TRIGGER daily_counts_delete;
DROP TRIGGER daily_counts_update;
DROP TABLE daily_counts;

CREATE TABLE daily_counts (
    survey_id  TEXT    NOT NULL,
    day        TEXT    NOT NULL, -- YYYY-MM-DD, UTC, of the answer's created_at
    touchpoint TEXT    NOT NULL,
    role       TEXT    NOT NULL,
    source     TEXT    NOT NULL,
    state      TEXT    NOT NULL,
    score      INTEGER NOT NULL,
    n          INTEGER NOT NULL,
    PRIMARY KEY (survey_id, day, touchpoint, role, source, state, score)
) WITHOUT ROWID;

CREATE TRIGGER daily_counts_insert AFTER INSERT ON responses BEGIN
    INSERT INTO daily_counts VALUES (
        NEW.survey_id, date(NEW.created_at / 1000, 'unixepoch'),
        coalesce(NEW.touchpoint, ''), coalesce(NEW.role, ''),
        NEW.source, NEW.state, NEW.score, 1)
    ON CONFLICT DO UPDATE SET n = n + 1;
END;

CREATE TRIGGER daily_counts_delete AFTER DELETE ON responses BEGIN
    UPDATE daily_counts SET n = n - 1
    WHERE survey_id = OLD.survey_id AND day = date(OLD.created_at / 1000, 'unixepoch')
      AND touchpoint = coalesce(OLD.touchpoint, '') AND role = coalesce(OLD.role, '')
      AND source = OLD.source AND state = OLD.state AND score = OLD.score;
END;

CREATE TRIGGER daily_counts_update
AFTER UPDATE OF survey_id, created_at, touchpoint, role, source, confirmed, score,
    settled_at, suspect ON responses
BEGIN
    UPDATE daily_counts SET n = n - 1
    WHERE survey_id = OLD.survey_id AND day = date(OLD.created_at / 1000, 'unixepoch')
      AND touchpoint = coalesce(OLD.touchpoint, '') AND role = coalesce(OLD.role, '')
      AND source = OLD.source AND state = OLD.state AND score = OLD.score;
    INSERT INTO daily_counts VALUES (
        NEW.survey_id, date(NEW.created_at / 1000, 'unixepoch'),
        coalesce(NEW.touchpoint, ''), coalesce(NEW.role, ''),
        NEW.source, NEW.state, NEW.score, 1)
    ON CONFLICT DO UPDATE SET n = n + 1;
END;

INSERT INTO daily_counts
SELECT survey_id, date(created_at / 1000, 'unixepoch'), coalesce(touchpoint, ''),
       coalesce(role, ''), source, state, score, COUNT(*)
FROM responses
GROUP BY 1, 2, 3, 4, 5, 6, 7;
