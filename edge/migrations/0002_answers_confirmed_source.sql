-- Email links record a score at the click, before the customer confirms it
-- on the landing page (mail scanners follow links too), and surveys may ask
-- extra questions.
--   answers:   JSON object, question id -> option id or free text; NULL if none
--   confirmed: 0 for a score only clicked in an email, 1 once sent from the
--              widget or confirmed on the landing page; reports skip 0 by default
--   source:    'widget' (the embedded widget) or 'email' (a signed link)
ALTER TABLE responses ADD COLUMN answers TEXT;
ALTER TABLE responses ADD COLUMN confirmed INTEGER NOT NULL DEFAULT 1 CHECK (confirmed IN (0, 1));
ALTER TABLE responses ADD COLUMN source TEXT NOT NULL DEFAULT 'widget' CHECK (source IN ('widget', 'email'));
