-- Answers counted per survey, UTC day, touchpoint, role, source, confirmed
-- and score, so a report reads at most one row per group and day, never the
-- answers themselves: it takes as long for a year of answers as for a week.
-- Triggers keep the counts in step with `responses` inside the statement
-- that writes the answer, so no code path can forget them: an insert counts
-- one, a change (a new score, a confirmation) moves one, a delete (erasure,
-- retention) takes one away. A touchpoint or role that is absent counts as
-- '' here, since a primary key needs values (a slug is never empty).
CREATE TABLE daily_counts (
    survey_id  TEXT    NOT NULL,
    day        TEXT    NOT NULL, -- YYYY-MM-DD, UTC, of the answer's created_at
    touchpoint TEXT    NOT NULL,
    role       TEXT    NOT NULL,
    source     TEXT    NOT NULL,
    confirmed  INTEGER NOT NULL,
    score      INTEGER NOT NULL,
    n          INTEGER NOT NULL,
    PRIMARY KEY (survey_id, day, touchpoint, role, source, confirmed, score)
) WITHOUT ROWID;

CREATE TRIGGER daily_counts_insert AFTER INSERT ON responses BEGIN
    INSERT INTO daily_counts VALUES (
        NEW.survey_id, date(NEW.created_at / 1000, 'unixepoch'),
        coalesce(NEW.touchpoint, ''), coalesce(NEW.role, ''),
        NEW.source, NEW.confirmed, NEW.score, 1)
    ON CONFLICT DO UPDATE SET n = n + 1;
END;

CREATE TRIGGER daily_counts_delete AFTER DELETE ON responses BEGIN
    UPDATE daily_counts SET n = n - 1
    WHERE survey_id = OLD.survey_id AND day = date(OLD.created_at / 1000, 'unixepoch')
      AND touchpoint = coalesce(OLD.touchpoint, '') AND role = coalesce(OLD.role, '')
      AND source = OLD.source AND confirmed = OLD.confirmed AND score = OLD.score;
END;

CREATE TRIGGER daily_counts_update
AFTER UPDATE OF survey_id, created_at, touchpoint, role, source, confirmed, score ON responses
BEGIN
    UPDATE daily_counts SET n = n - 1
    WHERE survey_id = OLD.survey_id AND day = date(OLD.created_at / 1000, 'unixepoch')
      AND touchpoint = coalesce(OLD.touchpoint, '') AND role = coalesce(OLD.role, '')
      AND source = OLD.source AND confirmed = OLD.confirmed AND score = OLD.score;
    INSERT INTO daily_counts VALUES (
        NEW.survey_id, date(NEW.created_at / 1000, 'unixepoch'),
        coalesce(NEW.touchpoint, ''), coalesce(NEW.role, ''),
        NEW.source, NEW.confirmed, NEW.score, 1)
    ON CONFLICT DO UPDATE SET n = n + 1;
END;

-- The answers stored before this migration.
INSERT INTO daily_counts
SELECT survey_id, date(created_at / 1000, 'unixepoch'), coalesce(touchpoint, ''),
       coalesce(role, ''), source, confirmed, score, COUNT(*)
FROM responses
GROUP BY 1, 2, 3, 4, 5, 6, 7;
