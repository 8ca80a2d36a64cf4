-- How many of each count's answers carry a comment, beside the count
-- itself (same rows, same key), so a report says how many of its answers
-- were explained in words without reading the answers: the overview's email
-- funnel (clicked -> confirmed -> with a comment) comes from the counts.
-- The triggers of 0012 are made again with it; a comment added, changed to
-- none or removed moves it like a score moves `n`.
ALTER TABLE daily_counts ADD COLUMN commented INTEGER NOT NULL DEFAULT 0;

DROP TRIGGER daily_counts_insert;
DROP TRIGGER daily_counts_delete;
DROP TRIGGER daily_counts_update;

CREATE TRIGGER daily_counts_insert AFTER INSERT ON responses BEGIN
    INSERT INTO daily_counts VALUES (
        NEW.survey_id, date(NEW.created_at / 1000, 'unixepoch'),
        coalesce(NEW.touchpoint, ''), coalesce(NEW.role, ''),
        NEW.source, NEW.confirmed, NEW.score, 1, NEW.comment IS NOT NULL)
    ON CONFLICT DO UPDATE SET n = n + 1, commented = commented + excluded.commented;
END;

CREATE TRIGGER daily_counts_delete AFTER DELETE ON responses BEGIN
    UPDATE daily_counts SET n = n - 1, commented = commented - (OLD.comment IS NOT NULL)
    WHERE survey_id = OLD.survey_id AND day = date(OLD.created_at / 1000, 'unixepoch')
      AND touchpoint = coalesce(OLD.touchpoint, '') AND role = coalesce(OLD.role, '')
      AND source = OLD.source AND confirmed = OLD.confirmed AND score = OLD.score;
END;

CREATE TRIGGER daily_counts_update
AFTER UPDATE OF survey_id, created_at, touchpoint, role, source, confirmed, score, comment
ON responses
BEGIN
    UPDATE daily_counts SET n = n - 1, commented = commented - (OLD.comment IS NOT NULL)
    WHERE survey_id = OLD.survey_id AND day = date(OLD.created_at / 1000, 'unixepoch')
      AND touchpoint = coalesce(OLD.touchpoint, '') AND role = coalesce(OLD.role, '')
      AND source = OLD.source AND confirmed = OLD.confirmed AND score = OLD.score;
    INSERT INTO daily_counts VALUES (
        NEW.survey_id, date(NEW.created_at / 1000, 'unixepoch'),
        coalesce(NEW.touchpoint, ''), coalesce(NEW.role, ''),
        NEW.source, NEW.confirmed, NEW.score, 1, NEW.comment IS NOT NULL)
    ON CONFLICT DO UPDATE SET n = n + 1, commented = commented + excluded.commented;
END;

-- The comments of the answers stored before this migration.
UPDATE daily_counts SET commented = c.k
FROM (
    SELECT survey_id, date(created_at / 1000, 'unixepoch') AS day,
           coalesce(touchpoint, '') AS touchpoint, coalesce(role, '') AS role,
           source, confirmed, score, COUNT(*) AS k
    FROM responses WHERE comment IS NOT NULL
    GROUP BY 1, 2, 3, 4, 5, 6, 7
) AS c
WHERE daily_counts.survey_id = c.survey_id AND daily_counts.day = c.day
  AND daily_counts.touchpoint = c.touchpoint AND daily_counts.role = c.role
  AND daily_counts.source = c.source AND daily_counts.confirmed = c.confirmed
  AND daily_counts.score = c.score;
