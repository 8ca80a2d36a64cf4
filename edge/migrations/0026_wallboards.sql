-- Wallboards: a team's read-only screen, reached through a link that carries
-- only the id and its HMAC (`shared::wallboard::token`). Whether the link
-- still works lives here, so it can be revoked at once: `revoked_at` set, or
-- `expires_at` passed, and the page shows "no longer available". Rows stay
-- after revocation so a revoked link keeps its language for that page.
-- No customer data: a label, the team's filter, who made it.
CREATE TABLE wallboards (
    id         TEXT PRIMARY KEY,           -- 32 random hex digits
    survey_id  TEXT NOT NULL,
    label      TEXT NOT NULL,
    touchpoint TEXT,
    role       TEXT,
    language   TEXT NOT NULL,
    created_at INTEGER NOT NULL,           -- unix milliseconds
    expires_at INTEGER NOT NULL,           -- unix milliseconds
    created_by TEXT NOT NULL,              -- 'api-key' or the agent's name
    revoked_at INTEGER                     -- unix milliseconds; NULL while it works
) WITHOUT ROWID;

-- The survey's list, newest first, revoked ones left out.
CREATE INDEX wallboards_by_survey ON wallboards (survey_id, created_at);
