-- An invitation's clicks as a person's or a mail scanner's (0019): a click
-- judged a scanner's (`responses.state = 'suspect'`) no longer counts as
-- the invitation clicked, so the click rate is people's and the customer
-- is still due a reminder; it is counted apart, as `suspect`, for the
-- report's response rates. A click still in its quiet period counts as
-- clicked: it is most likely a person's, and is judged within minutes.
ALTER TABLE invitations ADD COLUMN suspect INTEGER NOT NULL DEFAULT 0;

DROP TRIGGER invitations_answer_insert;
DROP TRIGGER invitations_answer_update;
DROP TRIGGER invitations_answer_delete;

CREATE TRIGGER invitations_answer_insert AFTER INSERT ON responses BEGIN
    UPDATE invitations SET clicked = NEW.state <> 'suspect', suspect = NEW.state = 'suspect',
        answered = NEW.confirmed,
        commented = NEW.confirmed AND coalesce(NEW.comment, '') <> ''
    WHERE response_id = NEW.id;
END;

CREATE TRIGGER invitations_answer_update
AFTER UPDATE OF confirmed, comment, settled_at, suspect ON responses BEGIN
    UPDATE invitations SET clicked = NEW.state <> 'suspect', suspect = NEW.state = 'suspect',
        answered = NEW.confirmed,
        commented = NEW.confirmed AND coalesce(NEW.comment, '') <> ''
    WHERE response_id = NEW.id;
END;

CREATE TRIGGER invitations_answer_delete AFTER DELETE ON responses BEGIN
    UPDATE invitations SET clicked = 0, answered = 0, commented = 0, suspect = 0
    WHERE response_id = OLD.id;
END;

-- The invitations stored before, from their answers.
UPDATE invitations SET
    clicked = (SELECT r.state <> 'suspect' FROM responses r WHERE r.id = invitations.response_id),
    suspect = (SELECT r.state = 'suspect' FROM responses r WHERE r.id = invitations.response_id)
WHERE response_id IN (SELECT id FROM responses);

-- The response rates read this index alone, suspect clicks included.
DROP INDEX invitations_funnel;
CREATE INDEX invitations_funnel
    ON invitations (survey_id, day, touchpoint, role, clicked, answered, commented, suspect);
