-- One row per answer. The id is minted by the client, so a retried POST hits
-- the primary key and is counted once.
CREATE TABLE responses (
    id              TEXT PRIMARY KEY,
    survey_id       TEXT    NOT NULL,
    score           INTEGER NOT NULL CHECK (score BETWEEN 0 AND 10),
    category        TEXT    NOT NULL CHECK (category IN ('detractor', 'passive', 'promoter')),
    comment         TEXT,
    locale          TEXT    NOT NULL,
    touchpoint      TEXT,
    role            TEXT,
    customer_ref    TEXT,
    transaction_ref TEXT,
    page_url        TEXT,
    created_at      INTEGER NOT NULL, -- unix milliseconds
    updated_at      INTEGER NOT NULL
);

-- Reports scan one survey over a period.
CREATE INDEX responses_by_survey_time ON responses (survey_id, created_at);
