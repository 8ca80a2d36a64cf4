-- Issue #23: two signs of a mail scanner that one click alone shows.
--
-- A click from a mail filter's network (`shared::link::networks`) waits for
-- a person's. Each visit keeps whose network it came from (the provider's
-- name, or `bot: {category}` for a bot Cloudflare verified); NULL for any
-- other network and for the visits stored before. `responses.suspect` gains
-- the reason 'scanner_network' (0019 lists the others).
ALTER TABLE link_visits ADD COLUMN scanner_network TEXT;

-- When the mailer last reported the invitation's email sent (`POST
-- /v1/surveys/{id}/invitations/sent`), unix milliseconds: "too soon" counts
-- from it. NULL until reported.
ALTER TABLE invitations ADD COLUMN sent_at INTEGER;
