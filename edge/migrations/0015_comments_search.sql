-- Full-text search over answers' comments, in every language the widget
-- speaks: SQLite's FTS5 with the unicode61 tokenizer, diacritics removed
-- ("valdigt" finds "väldigt"). An external-content index over `responses`:
-- it keeps only the words, and triggers keep it in step with each write.
CREATE VIRTUAL TABLE comments_fts USING fts5(
    comment,
    content = 'responses',
    content_rowid = 'rowid',
    tokenize = 'unicode61 remove_diacritics 2'
);

CREATE TRIGGER comments_fts_insert AFTER INSERT ON responses
WHEN NEW.comment IS NOT NULL BEGIN
    INSERT INTO comments_fts (rowid, comment) VALUES (NEW.rowid, NEW.comment);
END;

CREATE TRIGGER comments_fts_delete AFTER DELETE ON responses
WHEN OLD.comment IS NOT NULL BEGIN
    INSERT INTO comments_fts (comments_fts, rowid, comment) VALUES ('delete', OLD.rowid, OLD.comment);
END;

CREATE TRIGGER comments_fts_update AFTER UPDATE OF comment ON responses BEGIN
    INSERT INTO comments_fts (comments_fts, rowid, comment)
    SELECT 'delete', OLD.rowid, OLD.comment WHERE OLD.comment IS NOT NULL;
    INSERT INTO comments_fts (rowid, comment)
    SELECT NEW.rowid, NEW.comment WHERE NEW.comment IS NOT NULL;
END;

-- The comments stored before this migration.
INSERT INTO comments_fts (comments_fts) VALUES ('rebuild');
