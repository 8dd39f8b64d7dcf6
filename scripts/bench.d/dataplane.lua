-- wrk script for reconnectd's data plane: every connection alternates a disconnect with the
-- reconnect that redeems the token it returned, so every request is a success (201, then 200).
-- Each thread keeps the tokens it got in a queue; a connection redeems one when it has one.
-- Environment: RECONNECTD_SERVER_TOKEN, BENCH_ZONE (default "bench").
local token = os.getenv("RECONNECTD_SERVER_TOKEN") or ""
local zone = os.getenv("BENCH_ZONE") or "bench"
local headers = { ["Authorization"] = "Bearer " .. token, ["Content-Type"] = "application/json" }
local threads = {}
local counter = 0

function setup(thread)
  thread:set("id", #threads)
  table.insert(threads, thread)
end

function init(args)
  queue = {}
  failures = 0
  unexpected = ""
end

function request()
  local entry = table.remove(queue)
  if entry then
    local body = string.format('{"room_id":"%s","player_id":"%s","token":"%s"}', entry[1], entry[2], entry[3])
    return wrk.format("POST", "/v1/zones/" .. zone .. "/reconnects", headers, body)
  end
  counter = counter + 1
  local room = string.format("r-%d-%d", id, counter % 1000)
  local player = string.format("p-%d-%d", id, counter)
  return wrk.format("POST", "/v1/zones/" .. zone .. "/disconnects", headers,
    string.format('{"room_id":"%s","player_id":"%s"}', room, player))
end

function response(status, headers, body)
  if status == 201 then
    local tok = body:match('"token":"([^"]+)"')
    local room, player = body:match('"room_id":"([^"]+)","player_id":"([^"]+)"')
    if tok and room then table.insert(queue, { room, player, tok }) else failures = failures + 1 end
  elseif status ~= 200 then
    failures = failures + 1
    if unexpected == "" then unexpected = status .. " " .. body end
  end
end

function done(summary, latency, requests)
  local failed = 0
  for _, thread in ipairs(threads) do
    failed = failed + thread:get("failures")
    local first = thread:get("unexpected")
    if first ~= "" then io.stderr:write("unexpected answer: " .. first .. "\n") end
  end
  io.write(string.format("dataplane_failures %d\n", failed))
end
