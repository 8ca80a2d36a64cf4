-- Invitations (POST /v1/surveys/{id}/invitations): one row per person
-- invited about one thing, i.e. per (survey, customer, transaction,
-- touchpoint, role), the identity an email answer's id is derived from.
-- The id is derived from response_id (shared::invitation::invitation_id), so
-- inviting again is the same row, counted once.
--   response_id: the id the recipient's answer has in `responses`
--   day:         UTC day of the first invitation, the cohort reports count by
--   invited_at:  the last (re-)invitation, unix ms
--   reminders:   reminders counted so far (POST /v1/surveys/{id}/reminders)
--   reminded_at: the last reminder, unix ms
--   clicked, answered, commented: whether the answer row exists, is
--       confirmed, has a comment; kept by the triggers below, so reports
--       count invitations, never answers. (0021 leaves a mail scanner's
--       click out of `clicked` and counts it as `suspect`.)
CREATE TABLE invitations (
    id              TEXT PRIMARY KEY,
    survey_id       TEXT    NOT NULL,
    response_id     TEXT    NOT NULL UNIQUE,
    customer_ref    TEXT    NOT NULL,
    transaction_ref TEXT,
    touchpoint      TEXT,
    role            TEXT,
    locale          TEXT    NOT NULL,
    created_at      INTEGER NOT NULL,
    day             TEXT    NOT NULL,
    invited_at      INTEGER NOT NULL,
    reminders       INTEGER NOT NULL DEFAULT 0,
    reminded_at     INTEGER,
    clicked         INTEGER NOT NULL DEFAULT 0,
    answered        INTEGER NOT NULL DEFAULT 0,
    commented       INTEGER NOT NULL DEFAULT 0
);

-- Response rates per day, touchpoint and role read this index alone.
CREATE INDEX invitations_funnel
    ON invitations (survey_id, day, touchpoint, role, clicked, answered, commented);
-- Who is due a reminder: unanswered, oldest last email first.
CREATE INDEX invitations_unanswered
    ON invitations (survey_id, clicked, coalesce(reminded_at, invited_at));
-- Retention (the daily trigger) deletes a survey's oldest invitations.
CREATE INDEX invitations_by_survey_time ON invitations (survey_id, created_at);
-- Erasing a customer (DELETE /v1/customers/{customer_ref}).
CREATE INDEX invitations_by_customer ON invitations (customer_ref);

-- Who asked for no more survey emails (the unsubscribe link, or the
-- mailbox provider's one-click POST, RFC 8058), per survey.
CREATE TABLE opt_outs (
    survey_id    TEXT    NOT NULL,
    customer_ref TEXT    NOT NULL,
    at           INTEGER NOT NULL, -- unix ms
    PRIMARY KEY (survey_id, customer_ref)
) WITHOUT ROWID;

-- An answer's state copied onto its invitation in the statement that
-- writes the answer, as daily_counts are (0012).
CREATE TRIGGER invitations_answer_insert AFTER INSERT ON responses BEGIN
    UPDATE invitations SET clicked = 1, answered = NEW.confirmed,
        commented = NEW.confirmed AND coalesce(NEW.comment, '') <> ''
    WHERE response_id = NEW.id;
END;

CREATE TRIGGER invitations_answer_update AFTER UPDATE OF confirmed, comment ON responses BEGIN
    UPDATE invitations SET clicked = 1, answered = NEW.confirmed,
        commented = NEW.confirmed AND coalesce(NEW.comment, '') <> ''
    WHERE response_id = NEW.id;
END;

CREATE TRIGGER invitations_answer_delete AFTER DELETE ON responses BEGIN
    UPDATE invitations SET clicked = 0, answered = 0, commented = 0
    WHERE response_id = OLD.id;
END;
