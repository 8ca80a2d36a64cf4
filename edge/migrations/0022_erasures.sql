-- Customers' erasures (DELETE /v1/customers/{customer_ref}), remembered for
-- as long as an answer acknowledged before one can still wait on the intake
-- queue (shared/src/intake/erasure.rs): the queue's consumer drops the
-- customer's writes acknowledged at or before `erased_at` (unix ms). The
-- customer is a keyed digest of the reference, never the reference. The
-- daily retention run forgets an erasure after 14 days.
CREATE TABLE erasures (
    customer_digest TEXT PRIMARY KEY,
    erased_at INTEGER NOT NULL
) WITHOUT ROWID;

CREATE INDEX erasures_by_time ON erasures (erased_at);
