-- The owners' day (shared/src/local_time.rs): answers are counted on the day
-- of the deployment's time zone (`time_zone` in surveys.toml), not on their
-- UTC day, so a detractor at 00:30 on a Monday in Copenhagen counts on Monday.
--
-- SQLite knows no time zones, so the Worker, which has the zone's offsets
-- from the IANA database, writes each answer's local day with the answer:
--   responses.day: YYYY-MM-DD in the deployment's zone of created_at. NULL
--                  for answers stored before this migration, counted on
--                  their UTC day (as they were) until the rebuild below
--                  reaches them.
-- The daily counts (0020) count by it, and move an answer when its day
-- changes, inside the statement that changes it, as they move it for any
-- other change: so every answer is counted exactly once, on one day, at
-- every moment.
--
-- Rebuilding for a zone (edge/src/local_time.rs, the hourly trigger): when
-- the Worker's zone is not `local_time.zone`, it writes the zone's offsets
-- to `zone_offsets` and then recomputes `day` for every answer and
-- invitation, a few thousand rows per statement, in rowid order from
-- `responses_after` / `invitations_after` (NULL once done), so it fits D1's
-- limits on any size of database and resumes where it stopped.
ALTER TABLE responses ADD COLUMN day TEXT;

CREATE TABLE zone_offsets (
    from_ms   INTEGER PRIMARY KEY, -- unix ms from which the offset holds
    offset_ms INTEGER NOT NULL     -- local time minus UTC, milliseconds
);

CREATE TABLE local_time (
    id                INTEGER PRIMARY KEY CHECK (id = 1),
    zone              TEXT NOT NULL, -- the zone the days are (being) rebuilt for
    responses_after   INTEGER,       -- answers' rowids up to this are rebuilt; NULL: all
    invitations_after INTEGER        -- the same for invitations
);
-- Until now every day was a UTC day.
INSERT INTO local_time (id, zone) VALUES (1, 'UTC');

DROP TRIGGER daily_counts_insert;
DROP TRIGGER daily_counts_delete;
DROP TRIGGER daily_counts_update;

CREATE TRIGGER daily_counts_insert AFTER INSERT ON responses BEGIN
    INSERT INTO daily_counts (survey_id, day, touchpoint, role, source, state,
        n0, n1, n2, n3, n4, n5, n6, n7, n8, n9, n10, commented)
    VALUES (
        NEW.survey_id, coalesce(NEW.day, date(NEW.created_at / 1000, 'unixepoch')),
        coalesce(NEW.touchpoint, ''), coalesce(NEW.role, ''), NEW.source, NEW.state,
        NEW.score = 0, NEW.score = 1, NEW.score = 2, NEW.score = 3,
        NEW.score = 4, NEW.score = 5, NEW.score = 6, NEW.score = 7,
        NEW.score = 8, NEW.score = 9, NEW.score = 10,
        NEW.comment IS NOT NULL)
    ON CONFLICT DO UPDATE SET
        n0 = n0 + excluded.n0, n1 = n1 + excluded.n1, n2 = n2 + excluded.n2,
        n3 = n3 + excluded.n3, n4 = n4 + excluded.n4, n5 = n5 + excluded.n5,
        n6 = n6 + excluded.n6, n7 = n7 + excluded.n7, n8 = n8 + excluded.n8,
        n9 = n9 + excluded.n9, n10 = n10 + excluded.n10,
        commented = commented + excluded.commented;
END;

CREATE TRIGGER daily_counts_delete AFTER DELETE ON responses BEGIN
    UPDATE daily_counts SET
        n0 = n0 - (OLD.score = 0), n1 = n1 - (OLD.score = 1),
        n2 = n2 - (OLD.score = 2), n3 = n3 - (OLD.score = 3),
        n4 = n4 - (OLD.score = 4), n5 = n5 - (OLD.score = 5),
        n6 = n6 - (OLD.score = 6), n7 = n7 - (OLD.score = 7),
        n8 = n8 - (OLD.score = 8), n9 = n9 - (OLD.score = 9),
        n10 = n10 - (OLD.score = 10),
        commented = commented - (OLD.comment IS NOT NULL)
    WHERE survey_id = OLD.survey_id AND day = coalesce(OLD.day, date(OLD.created_at / 1000, 'unixepoch'))
      AND touchpoint = coalesce(OLD.touchpoint, '') AND role = coalesce(OLD.role, '')
      AND source = OLD.source AND state = OLD.state;
END;

CREATE TRIGGER daily_counts_update
AFTER UPDATE OF survey_id, created_at, day, touchpoint, role, source, confirmed, score, comment,
    settled_at, suspect ON responses
BEGIN
    UPDATE daily_counts SET
        n0 = n0 - (OLD.score = 0), n1 = n1 - (OLD.score = 1),
        n2 = n2 - (OLD.score = 2), n3 = n3 - (OLD.score = 3),
        n4 = n4 - (OLD.score = 4), n5 = n5 - (OLD.score = 5),
        n6 = n6 - (OLD.score = 6), n7 = n7 - (OLD.score = 7),
        n8 = n8 - (OLD.score = 8), n9 = n9 - (OLD.score = 9),
        n10 = n10 - (OLD.score = 10),
        commented = commented - (OLD.comment IS NOT NULL)
    WHERE survey_id = OLD.survey_id AND day = coalesce(OLD.day, date(OLD.created_at / 1000, 'unixepoch'))
      AND touchpoint = coalesce(OLD.touchpoint, '') AND role = coalesce(OLD.role, '')
      AND source = OLD.source AND state = OLD.state;
    INSERT INTO daily_counts (survey_id, day, touchpoint, role, source, state,
        n0, n1, n2, n3, n4, n5, n6, n7, n8, n9, n10, commented)
    VALUES (
        NEW.survey_id, coalesce(NEW.day, date(NEW.created_at / 1000, 'unixepoch')),
        coalesce(NEW.touchpoint, ''), coalesce(NEW.role, ''), NEW.source, NEW.state,
        NEW.score = 0, NEW.score = 1, NEW.score = 2, NEW.score = 3,
        NEW.score = 4, NEW.score = 5, NEW.score = 6, NEW.score = 7,
        NEW.score = 8, NEW.score = 9, NEW.score = 10,
        NEW.comment IS NOT NULL)
    ON CONFLICT DO UPDATE SET
        n0 = n0 + excluded.n0, n1 = n1 + excluded.n1, n2 = n2 + excluded.n2,
        n3 = n3 + excluded.n3, n4 = n4 + excluded.n4, n5 = n5 + excluded.n5,
        n6 = n6 + excluded.n6, n7 = n7 + excluded.n7, n8 = n8 + excluded.n8,
        n9 = n9 + excluded.n9, n10 = n10 + excluded.n10,
        commented = commented + excluded.commented;
END;
