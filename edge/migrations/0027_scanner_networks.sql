-- Issue #23: a click from a mail filter's network (`shared::link::networks`)
-- waits for a person's. Each visit keeps whose network it came from (the
-- provider's name, or `bot: {category}` for a bot Cloudflare verified);
-- NULL for any other network and for the visits stored before.
ALTER TABLE link_visits ADD COLUMN scanner_network TEXT;
-- `responses.suspect` gains the reason 'scanner_network' (0019 lists the others).
