-- The per-client write limit moved to the Workers Rate Limiting binding
-- (`[[ratelimits]]` in wrangler.toml): no table, no write per request.
DROP TABLE IF EXISTS rate_limits;
