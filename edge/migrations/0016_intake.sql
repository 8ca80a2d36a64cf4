-- Queue-first intake (shared/src/intake): writes of one answer reach D1 in
-- any order, and the stored row is the write with the highest precedence
-- (a confirmation beats any click, a later click or confirmation beats an
-- earlier one, the first widget answer stays). The consumer's upsert keeps
-- the row only when the incoming precedence is higher.
--   precedence: shared::intake::precedence of the write the row holds
--   conflicts:  widget writes of this id with other content, kept out
--   stored_at:  when the consumer wrote the row's content (unix ms); less
--               created_at/updated_at it is intake's lag, for operators
ALTER TABLE responses ADD COLUMN precedence INTEGER NOT NULL DEFAULT 0;
ALTER TABLE responses ADD COLUMN conflicts INTEGER NOT NULL DEFAULT 0;
ALTER TABLE responses ADD COLUMN stored_at INTEGER;

-- The rows stored before: the same formula, with their last change as the
-- time of the write (2^45 = 35184372088832).
UPDATE responses SET precedence = 16 * CASE
    WHEN source = 'widget' THEN 3 * 35184372088832 - 1 - created_at
    WHEN confirmed = 1 THEN 35184372088832 + updated_at
    ELSE updated_at
END + score;
