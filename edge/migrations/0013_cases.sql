-- The closed loop: one case per answer that needs a person (by default a
-- confirmed detractor), worked by customer service from open to resolved.
-- The case shares its answer's id; the answer's score, comment and customer
-- are read from `responses`. Answers stored before this migration open no
-- case: a flood of long-overdue cases would bury today's.
CREATE TABLE cases (
    id               TEXT PRIMARY KEY, -- the answer's id
    survey_id        TEXT    NOT NULL,
    touchpoint       TEXT,
    role             TEXT,
    status           TEXT    NOT NULL DEFAULT 'open'
                     CHECK (status IN ('open', 'contacted', 'resolved', 'unreachable')),
    assignee         TEXT,
    resolution       TEXT,
    opened_at        INTEGER NOT NULL, -- unix milliseconds
    first_contact_at INTEGER,
    updated_at       INTEGER NOT NULL
);

-- The inbox: one survey's cases by status, oldest first.
CREATE INDEX cases_inbox ON cases (survey_id, status, opened_at);

-- What happened on a case, in order: notes, and who changed what.
CREATE TABLE case_notes (
    case_id TEXT    NOT NULL,
    at      INTEGER NOT NULL, -- unix milliseconds
    author  TEXT    NOT NULL,
    text    TEXT    NOT NULL
);

CREATE INDEX case_notes_by_case ON case_notes (case_id, at);
