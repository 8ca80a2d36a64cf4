-- wrk script for `cargo xtask bench-edge`: POSTs valid answers to the demo
-- survey, each with a fresh UUID (run tag, thread number, request counter),
-- and prints one machine-readable RESULT line for xtask to parse.

local threads = {}
local run = 0

function setup(thread)
  if run == 0 then
    math.randomseed(os.time())
    run = math.random(0, 0x7fffffff)
  end
  thread:set("run", run)
  thread:set("tid", #threads)
  table.insert(threads, thread)
end

local counter = 0

request = function()
  counter = counter + 1
  local id = string.format("%08x-%04x-4000-8000-%012x", run, tid, counter)
  local body = '{"id":"' .. id .. '","survey_id":"demo","score":' .. (counter % 11)
    .. ',"comment":"Quick pick-up","locale":"en","context":{"touchpoint":"web"}}'
  -- One client address per answer, as many customers would be: the
  -- per-client rate limit then counts each once, like in production.
  local ip = string.format("10.%d.%d.%d", tid, math.floor(counter / 256) % 256, counter % 256)
  return wrk.format("POST", nil,
    { ["content-type"] = "application/json", ["cf-connecting-ip"] = ip }, body)
end

function done(summary, latency, requests)
  local errors = summary.errors
  io.write(string.format("RESULT %d %d %d %d %d\n", summary.requests, summary.duration,
    latency:percentile(50), latency:percentile(99),
    errors.status + errors.connect + errors.read + errors.write + errors.timeout))
end
