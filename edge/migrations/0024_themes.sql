-- Why scores move (shared/src/themes): each comment's terms, counted the
-- way answers are counted per day, so the themes of a year are read from
-- counts, never by reading comments.
--
--   responses.terms: what the answer's comment is counted under, a JSON
--                    array of [term, surface] ([theme id with '#', null]
--                    for each of its survey's themes it mentions), written
--                    by the Worker with the comment (`shared::themes::
--                    stored_terms`); NULL without a comment, and for
--                    comments stored before this migration until the
--                    rebuild below reaches them.
--   term_counts:     answers mentioning each term, per survey, local day,
--                    touchpoint, role, source, state and language, a count
--                    per category. A theme's language is its answers'.
--   term_days,       the same per day and per calendar month, without
--   term_months:     touchpoint, role and source, keyed term first: a
--                    period without those filters reads each term's whole
--                    months and the days around them
--                    (`shared::themes::split`), a few dozen rows per term.
--   term_totals:     every answer mentioning each term, all time: which
--                    terms a period's figures consider (the most
--                    mentioned), found through its index on `mentions`
--                    without reading the long tail of rare words.
--   term_surfaces:   how often each term is written each way, to show it
--                    as most people write it.
--   themes:          where the rebuild of the stored terms stands: the
--                    version they are made with (`shared::themes::version`:
--                    the tokenizer and every survey's themes), and the
--                    answers' rowids done (NULL: all).
--
-- As with the daily counts (0020, 0023), triggers keep every count in step
-- inside the statement that writes the answer: an insert adds its terms, a
-- change of score, comment, state, day or context moves them, a delete
-- (erasure, retention) takes them away. A count that reaches zero is
-- deleted in the same statement: an erased customer's words leave no row
-- behind, not even a term's text with nothing counted. A term's rows are keyed by `state`
-- like the daily counts, so reports count what counts ('confirmed',
-- 'settled'), and pending clicks only when asked for.
ALTER TABLE responses ADD COLUMN terms TEXT;

CREATE TABLE term_counts (
    survey_id  TEXT    NOT NULL,
    day        TEXT    NOT NULL, -- YYYY-MM-DD of the deployment's zone
    touchpoint TEXT    NOT NULL, -- '' for none
    role       TEXT    NOT NULL, -- '' for none
    source     TEXT    NOT NULL,
    state      TEXT    NOT NULL, -- responses.state
    language   TEXT    NOT NULL, -- responses.locale
    term       TEXT    NOT NULL, -- stem(s), or '#' and a theme's id
    detractors INTEGER NOT NULL DEFAULT 0,
    passives   INTEGER NOT NULL DEFAULT 0,
    promoters  INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (survey_id, day, touchpoint, role, source, state, language, term)
) WITHOUT ROWID;

CREATE TABLE term_days (
    survey_id  TEXT    NOT NULL,
    language   TEXT    NOT NULL,
    term       TEXT    NOT NULL,
    day        TEXT    NOT NULL,
    state      TEXT    NOT NULL,
    detractors INTEGER NOT NULL DEFAULT 0,
    passives   INTEGER NOT NULL DEFAULT 0,
    promoters  INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (survey_id, language, term, day, state)
) WITHOUT ROWID;

CREATE TABLE term_months (
    survey_id  TEXT    NOT NULL,
    language   TEXT    NOT NULL,
    term       TEXT    NOT NULL,
    month      TEXT    NOT NULL, -- YYYY-MM of the deployment's zone
    state      TEXT    NOT NULL,
    detractors INTEGER NOT NULL DEFAULT 0,
    passives   INTEGER NOT NULL DEFAULT 0,
    promoters  INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (survey_id, language, term, month, state)
) WITHOUT ROWID;

CREATE TABLE term_totals (
    survey_id TEXT    NOT NULL,
    language  TEXT    NOT NULL,
    term      TEXT    NOT NULL,
    mentions  INTEGER NOT NULL DEFAULT 0, -- answers of any state
    PRIMARY KEY (survey_id, language, term)
) WITHOUT ROWID;
CREATE INDEX term_totals_by_mentions ON term_totals (survey_id, mentions);

CREATE TABLE term_surfaces (
    survey_id TEXT    NOT NULL,
    language  TEXT    NOT NULL,
    term      TEXT    NOT NULL,
    surface   TEXT    NOT NULL, -- the words as written, lower-cased
    mentions  INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (survey_id, language, term, surface)
) WITHOUT ROWID;

CREATE TABLE themes (
    id              INTEGER PRIMARY KEY CHECK (id = 1),
    version         TEXT NOT NULL, -- what the stored terms are made with
    responses_after INTEGER        -- answers' rowids up to this are done; NULL: all
);
-- Nothing is made yet: the Worker's first trigger starts the rebuild.
INSERT INTO themes (id, version, responses_after) VALUES (1, '', 0);

CREATE TRIGGER term_counts_insert AFTER INSERT ON responses
WHEN NEW.terms IS NOT NULL BEGIN
    INSERT INTO term_counts (survey_id, day, touchpoint, role, source, state, language, term, detractors, passives, promoters)
    SELECT NEW.survey_id, coalesce(NEW.day, date(NEW.created_at / 1000, 'unixepoch')), coalesce(NEW.touchpoint, ''), coalesce(NEW.role, ''), NEW.source, NEW.state, NEW.locale, t.value ->> 0,
        NEW.category = 'detractor', NEW.category = 'passive', NEW.category = 'promoter'
    FROM json_each(NEW.terms) AS t WHERE true
    ON CONFLICT DO UPDATE SET detractors = detractors + excluded.detractors,
        passives = passives + excluded.passives, promoters = promoters + excluded.promoters;
    INSERT INTO term_days (survey_id, language, term, day, state, detractors, passives, promoters)
    SELECT NEW.survey_id, NEW.locale, t.value ->> 0, coalesce(NEW.day, date(NEW.created_at / 1000, 'unixepoch')), NEW.state,
        NEW.category = 'detractor', NEW.category = 'passive', NEW.category = 'promoter'
    FROM json_each(NEW.terms) AS t WHERE true
    ON CONFLICT DO UPDATE SET detractors = detractors + excluded.detractors,
        passives = passives + excluded.passives, promoters = promoters + excluded.promoters;
    INSERT INTO term_months (survey_id, language, term, month, state, detractors, passives, promoters)
    SELECT NEW.survey_id, NEW.locale, t.value ->> 0, substr(coalesce(NEW.day, date(NEW.created_at / 1000, 'unixepoch')), 1, 7), NEW.state,
        NEW.category = 'detractor', NEW.category = 'passive', NEW.category = 'promoter'
    FROM json_each(NEW.terms) AS t WHERE true
    ON CONFLICT DO UPDATE SET detractors = detractors + excluded.detractors,
        passives = passives + excluded.passives, promoters = promoters + excluded.promoters;
    INSERT INTO term_totals (survey_id, language, term, mentions)
    SELECT NEW.survey_id, NEW.locale, t.value ->> 0, 1 FROM json_each(NEW.terms) AS t WHERE true
    ON CONFLICT DO UPDATE SET mentions = mentions + 1;
    INSERT INTO term_surfaces (survey_id, language, term, surface, mentions)
    SELECT NEW.survey_id, NEW.locale, t.value ->> 0, t.value ->> 1, 1
    FROM json_each(NEW.terms) AS t WHERE t.value ->> 1 IS NOT NULL
    ON CONFLICT DO UPDATE SET mentions = mentions + 1;
END;

CREATE TRIGGER term_counts_delete AFTER DELETE ON responses
WHEN OLD.terms IS NOT NULL BEGIN
    UPDATE term_counts SET detractors = detractors - (OLD.category = 'detractor'),
        passives = passives - (OLD.category = 'passive'), promoters = promoters - (OLD.category = 'promoter')
    WHERE survey_id = OLD.survey_id AND day = coalesce(OLD.day, date(OLD.created_at / 1000, 'unixepoch')) AND touchpoint = coalesce(OLD.touchpoint, '') AND role = coalesce(OLD.role, '') AND source = OLD.source AND state = OLD.state AND language = OLD.locale
      AND term IN (SELECT value ->> 0 FROM json_each(OLD.terms));
    DELETE FROM term_counts WHERE detractors + passives + promoters = 0
      AND survey_id = OLD.survey_id AND day = coalesce(OLD.day, date(OLD.created_at / 1000, 'unixepoch')) AND touchpoint = coalesce(OLD.touchpoint, '') AND role = coalesce(OLD.role, '') AND source = OLD.source AND state = OLD.state AND language = OLD.locale
      AND term IN (SELECT value ->> 0 FROM json_each(OLD.terms));
    UPDATE term_days SET detractors = detractors - (OLD.category = 'detractor'),
        passives = passives - (OLD.category = 'passive'), promoters = promoters - (OLD.category = 'promoter')
    WHERE survey_id = OLD.survey_id AND language = OLD.locale AND day = coalesce(OLD.day, date(OLD.created_at / 1000, 'unixepoch')) AND state = OLD.state
      AND term IN (SELECT value ->> 0 FROM json_each(OLD.terms));
    DELETE FROM term_days WHERE detractors + passives + promoters = 0
      AND survey_id = OLD.survey_id AND language = OLD.locale AND day = coalesce(OLD.day, date(OLD.created_at / 1000, 'unixepoch')) AND state = OLD.state
      AND term IN (SELECT value ->> 0 FROM json_each(OLD.terms));
    UPDATE term_months SET detractors = detractors - (OLD.category = 'detractor'),
        passives = passives - (OLD.category = 'passive'), promoters = promoters - (OLD.category = 'promoter')
    WHERE survey_id = OLD.survey_id AND language = OLD.locale AND month = substr(coalesce(OLD.day, date(OLD.created_at / 1000, 'unixepoch')), 1, 7) AND state = OLD.state
      AND term IN (SELECT value ->> 0 FROM json_each(OLD.terms));
    DELETE FROM term_months WHERE detractors + passives + promoters = 0
      AND survey_id = OLD.survey_id AND language = OLD.locale AND month = substr(coalesce(OLD.day, date(OLD.created_at / 1000, 'unixepoch')), 1, 7) AND state = OLD.state
      AND term IN (SELECT value ->> 0 FROM json_each(OLD.terms));
    UPDATE term_totals SET mentions = mentions - 1
    WHERE survey_id = OLD.survey_id AND language = OLD.locale
      AND term IN (SELECT value ->> 0 FROM json_each(OLD.terms));
    DELETE FROM term_totals WHERE mentions = 0
      AND survey_id = OLD.survey_id AND language = OLD.locale
      AND term IN (SELECT value ->> 0 FROM json_each(OLD.terms));
    UPDATE term_surfaces SET mentions = mentions - 1
    WHERE survey_id = OLD.survey_id AND language = OLD.locale
      AND (term, surface) IN (SELECT value ->> 0, value ->> 1 FROM json_each(OLD.terms));
    DELETE FROM term_surfaces WHERE mentions = 0
      AND survey_id = OLD.survey_id AND language = OLD.locale
      AND (term, surface) IN (SELECT value ->> 0, value ->> 1 FROM json_each(OLD.terms));
END;

CREATE TRIGGER term_counts_update
AFTER UPDATE OF survey_id, created_at, day, touchpoint, role, source, confirmed, score, category,
    locale, terms, settled_at, suspect ON responses
WHEN OLD.terms IS NOT NULL OR NEW.terms IS NOT NULL BEGIN
    UPDATE term_counts SET detractors = detractors - (OLD.category = 'detractor'),
        passives = passives - (OLD.category = 'passive'), promoters = promoters - (OLD.category = 'promoter')
    WHERE survey_id = OLD.survey_id AND day = coalesce(OLD.day, date(OLD.created_at / 1000, 'unixepoch')) AND touchpoint = coalesce(OLD.touchpoint, '') AND role = coalesce(OLD.role, '') AND source = OLD.source AND state = OLD.state AND language = OLD.locale
      AND term IN (SELECT value ->> 0 FROM json_each(OLD.terms));
    DELETE FROM term_counts WHERE detractors + passives + promoters = 0
      AND survey_id = OLD.survey_id AND day = coalesce(OLD.day, date(OLD.created_at / 1000, 'unixepoch')) AND touchpoint = coalesce(OLD.touchpoint, '') AND role = coalesce(OLD.role, '') AND source = OLD.source AND state = OLD.state AND language = OLD.locale
      AND term IN (SELECT value ->> 0 FROM json_each(OLD.terms));
    UPDATE term_days SET detractors = detractors - (OLD.category = 'detractor'),
        passives = passives - (OLD.category = 'passive'), promoters = promoters - (OLD.category = 'promoter')
    WHERE survey_id = OLD.survey_id AND language = OLD.locale AND day = coalesce(OLD.day, date(OLD.created_at / 1000, 'unixepoch')) AND state = OLD.state
      AND term IN (SELECT value ->> 0 FROM json_each(OLD.terms));
    DELETE FROM term_days WHERE detractors + passives + promoters = 0
      AND survey_id = OLD.survey_id AND language = OLD.locale AND day = coalesce(OLD.day, date(OLD.created_at / 1000, 'unixepoch')) AND state = OLD.state
      AND term IN (SELECT value ->> 0 FROM json_each(OLD.terms));
    UPDATE term_months SET detractors = detractors - (OLD.category = 'detractor'),
        passives = passives - (OLD.category = 'passive'), promoters = promoters - (OLD.category = 'promoter')
    WHERE survey_id = OLD.survey_id AND language = OLD.locale AND month = substr(coalesce(OLD.day, date(OLD.created_at / 1000, 'unixepoch')), 1, 7) AND state = OLD.state
      AND term IN (SELECT value ->> 0 FROM json_each(OLD.terms));
    DELETE FROM term_months WHERE detractors + passives + promoters = 0
      AND survey_id = OLD.survey_id AND language = OLD.locale AND month = substr(coalesce(OLD.day, date(OLD.created_at / 1000, 'unixepoch')), 1, 7) AND state = OLD.state
      AND term IN (SELECT value ->> 0 FROM json_each(OLD.terms));
    INSERT INTO term_counts (survey_id, day, touchpoint, role, source, state, language, term, detractors, passives, promoters)
    SELECT NEW.survey_id, coalesce(NEW.day, date(NEW.created_at / 1000, 'unixepoch')), coalesce(NEW.touchpoint, ''), coalesce(NEW.role, ''), NEW.source, NEW.state, NEW.locale, t.value ->> 0,
        NEW.category = 'detractor', NEW.category = 'passive', NEW.category = 'promoter'
    FROM json_each(NEW.terms) AS t WHERE true
    ON CONFLICT DO UPDATE SET detractors = detractors + excluded.detractors,
        passives = passives + excluded.passives, promoters = promoters + excluded.promoters;
    INSERT INTO term_days (survey_id, language, term, day, state, detractors, passives, promoters)
    SELECT NEW.survey_id, NEW.locale, t.value ->> 0, coalesce(NEW.day, date(NEW.created_at / 1000, 'unixepoch')), NEW.state,
        NEW.category = 'detractor', NEW.category = 'passive', NEW.category = 'promoter'
    FROM json_each(NEW.terms) AS t WHERE true
    ON CONFLICT DO UPDATE SET detractors = detractors + excluded.detractors,
        passives = passives + excluded.passives, promoters = promoters + excluded.promoters;
    INSERT INTO term_months (survey_id, language, term, month, state, detractors, passives, promoters)
    SELECT NEW.survey_id, NEW.locale, t.value ->> 0, substr(coalesce(NEW.day, date(NEW.created_at / 1000, 'unixepoch')), 1, 7), NEW.state,
        NEW.category = 'detractor', NEW.category = 'passive', NEW.category = 'promoter'
    FROM json_each(NEW.terms) AS t WHERE true
    ON CONFLICT DO UPDATE SET detractors = detractors + excluded.detractors,
        passives = passives + excluded.passives, promoters = promoters + excluded.promoters;
END;

CREATE TRIGGER term_mentions_update AFTER UPDATE OF survey_id, locale, terms ON responses
WHEN OLD.terms IS NOT NULL OR NEW.terms IS NOT NULL BEGIN
    UPDATE term_totals SET mentions = mentions - 1
    WHERE survey_id = OLD.survey_id AND language = OLD.locale
      AND term IN (SELECT value ->> 0 FROM json_each(OLD.terms));
    DELETE FROM term_totals WHERE mentions = 0
      AND survey_id = OLD.survey_id AND language = OLD.locale
      AND term IN (SELECT value ->> 0 FROM json_each(OLD.terms));
    UPDATE term_surfaces SET mentions = mentions - 1
    WHERE survey_id = OLD.survey_id AND language = OLD.locale
      AND (term, surface) IN (SELECT value ->> 0, value ->> 1 FROM json_each(OLD.terms));
    DELETE FROM term_surfaces WHERE mentions = 0
      AND survey_id = OLD.survey_id AND language = OLD.locale
      AND (term, surface) IN (SELECT value ->> 0, value ->> 1 FROM json_each(OLD.terms));
    INSERT INTO term_totals (survey_id, language, term, mentions)
    SELECT NEW.survey_id, NEW.locale, t.value ->> 0, 1 FROM json_each(NEW.terms) AS t WHERE true
    ON CONFLICT DO UPDATE SET mentions = mentions + 1;
    INSERT INTO term_surfaces (survey_id, language, term, surface, mentions)
    SELECT NEW.survey_id, NEW.locale, t.value ->> 0, t.value ->> 1, 1
    FROM json_each(NEW.terms) AS t WHERE t.value ->> 1 IS NOT NULL
    ON CONFLICT DO UPDATE SET mentions = mentions + 1;
END;
