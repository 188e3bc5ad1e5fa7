-- wrk script: POST a ~1 KB OpenAI chat-completions body (non-streaming), model gpt-4o-mini.
--
--   STEWARD_BENCH_KEY=sk-... wrk -t1 -c8 -d10s -s bench/chat_1kb.lua http://127.0.0.1:PORT/v1/chat/completions
--
-- Environment (all optional):
--   STEWARD_BENCH_KEY       caller key sent as "Authorization: Bearer <key>" (a dummy for direct-to-mock)
--   BENCH_BODY=plain|pii    plain (default): a council committee-report summary, no personal data.
--                           pii: a housing case note full of invented personal data (names, NHS number,
--                           NINO, postcode, address, phone, email, date of birth) - the scanning
--                           benchmark of issue 3. No special-category data, secrets or security markings,
--                           so a default policy redacts it and forwards rather than refusing it.
--   BENCH_VARY=1|0          1 (default): every request carries a different reference number (@REF@ in the
--                           prompt), so a gateway that caches scan results by content digest still has to
--                           scan every request. 0: the identical body every time (measures the cache hit).
--   BENCH_MODEL             model name (default gpt-4o-mini)
--   STEWARD_BENCH_USE_CASE  if set, sent as X-Steward-Use-Case
--
-- Every value below is invented for benchmarking. The prompts are also read by bench/stream_ttfc.py
-- (it extracts the [==[ ... ]==] blocks by name), so keep the `local NAME = [==[` form.
-- At the end wrk prints one line "BENCH_JSON {...}" (latencies in microseconds) that bench/run.py parses.

local SYSTEM_PROMPT = [==[You are an assistant for staff at a UK district council. Write in plain English with UK spelling, be accurate, and do not invent facts.]==]

local PROMPT_PLAIN = [==[Summarise the committee report extract below (report @REF@) for the council's website in no more than 150 words, keeping the key figures and dates. Avoid jargon and do not add anything that is not in the text.

Extract: Cabinet is asked to approve the 2026/27 highways maintenance programme of £4.2 million, funded from the Department for Transport capital allocation and £650,000 of council reserves. The programme prioritises 38 km of carriageway resurfacing, around 1,200 pothole repairs, drainage improvements on the A259 corridor and the replacement of 140 street lights with LED units. Works will be scheduled outside the summer tourist season where possible, and residents will be told at least two weeks before work starts on their street. Progress will be reported quarterly to the Overview and Scrutiny Committee, with the first report due in July 2026.]==]

local PROMPT_PII = [==[Draft a polite reply from the Housing Repairs team to the tenant below confirming that the kitchen ceiling repair is booked and explaining what happens next. Keep it under 200 words.

Case note @REF@: Tenant Mr Daniel Whitcombe, date of birth 14/03/1978, 27 Larkspur Close, Ashford TN23 4QP. Mobile 07700 900482, email daniel.whitcombe@example.com. National Insurance number JH 48 27 91 B; NHS number 485 777 3457 was given as proof of identity at sign-up. On 3 November his partner Aisha Whitcombe reported water coming through the kitchen ceiling from flat 29, where Ms Karen Doyle lives. Surveyor Tom Bramley inspected on 6 November and booked Kestrel Building Services for 18 November, 8am to 12pm. Please ask Mr Whitcombe to clear the worktops and to call 01233 330 912 if the date is not convenient.]==]

local function json_string(s)
  s = s:gsub('\\', '\\\\'):gsub('"', '\\"'):gsub('\n', '\\n'):gsub('\r', '\\r'):gsub('\t', '\\t')
  return '"' .. s .. '"'
end

local body_kind = os.getenv("BENCH_BODY") or "plain"
local prompt = PROMPT_PLAIN
if body_kind == "pii" then
  prompt = PROMPT_PII
end
local model = os.getenv("BENCH_MODEL") or "gpt-4o-mini"
local key = os.getenv("STEWARD_BENCH_KEY") or "sk-bench-direct"

local ref_prefix = "CR-"
if body_kind == "pii" then
  ref_prefix = "HSG-"
end
local function ref(n)
  return ref_prefix .. string.format("%07d", n)
end
local template = '{"model":' .. json_string(model)
  .. ',"messages":[{"role":"system","content":' .. json_string(SYSTEM_PROMPT)
  .. '},{"role":"user","content":' .. json_string(prompt)
  .. '}],"temperature":0.2,"max_tokens":400}'
local before_ref, after_ref = template:match("^(.-)@REF@(.*)$")

wrk.method = "POST"
wrk.body = before_ref .. ref(4417) .. after_ref
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer " .. key
local use_case = os.getenv("STEWARD_BENCH_USE_CASE")
if use_case and use_case ~= "" then
  wrk.headers["X-Steward-Use-Case"] = use_case
end

local vary = os.getenv("BENCH_VARY") ~= "0"
local counter = 0
local base = 0

function init(args)
  math.randomseed(os.time() + math.floor(os.clock() * 1000000))
  base = math.random(0, 8000000)
end

if vary then
  function request()
    counter = counter + 1
    return wrk.format(nil, nil, nil, before_ref .. ref(base + counter) .. after_ref)
  end
end

function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    'BENCH_JSON {"body":"%s","vary":%s,"body_bytes":%d,"requests":%d,"duration_us":%d,"bytes":%d,'
      .. '"errors":{"connect":%d,"read":%d,"write":%d,"status":%d,"timeout":%d},'
      .. '"latency_us":{"min":%d,"mean":%.1f,"stdev":%.1f,"max":%d,"p50":%d,"p90":%d,"p99":%d,"p999":%d}}\n',
    body_kind, tostring(vary), #wrk.body, summary.requests, summary.duration, summary.bytes,
    e.connect, e.read, e.write, e.status, e.timeout,
    latency.min, latency.mean, latency.stdev, latency.max,
    latency:percentile(50), latency:percentile(90), latency:percentile(99), latency:percentile(99.9)))
end
