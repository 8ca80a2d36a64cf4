-- Signed-in people of the owners' side. The cookie carries a random id;
-- only its SHA-256 is kept here, so a copy of the database opens no
-- session. Signing out deletes the row; the daily trigger deletes expired
-- ones. The role is not kept: it is read from the users' configuration at
-- every request, so a changed or removed user takes effect at once.
CREATE TABLE sessions (
    id_hash    TEXT PRIMARY KEY,
    name       TEXT    NOT NULL,
    created_at INTEGER NOT NULL, -- unix milliseconds
    expires_at INTEGER NOT NULL
);
