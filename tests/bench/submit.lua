-- submit.lua - wrk script for bench.sh: each request submits a whole questionnaire, a draft
-- assessment answered in full in one POST (action=submit, every item's ver_<item>=0 and
-- level_<item>), as a respondent does who fills the form in one go: one transaction that
-- writes every answer (and its history row), the status and an audit row.
--
--   wrk -tC -cC -s submit.lua URL -- DATAFILE C
--
-- DATAFILE: first line "items ITEM,ITEM,...", then one line per draft,
-- "TOKEN CSRF ASSESSMENT_ID" (each draft belongs to another organisation and its assessor's
-- session). C is the number of threads (wrk does not tell a thread). Thread k of C takes the drafts on lines k, k + C, k + 2C, ... in order, one per
-- request; a draft is submitted once. A thread that runs out starts again from its first
-- draft, which the portal refuses (409: submitted already): bench.sh makes enough drafts
-- that this does not happen and flags it when it does. One connection per thread, as
-- save.lua, so that requests of a thread never overlap.
--
-- Only 303s count as successful; done() prints "Successful/sec", the counts, the other
-- statuses seen and how many threads ran out of drafts.

local threads = {}
local counter = 0

function setup(thread)
    thread:set("tid", counter)
    counter = counter + 1
    table.insert(threads, thread)
end

function init(args)
    ok, bad, others, wrapped = 0, 0, "", 0
    statuses = {}
    drafts = {}
    n_threads = assert(tonumber(args[2]), "the number of threads is the second argument")
    local f = assert(io.open(args[1], "r"))
    local items_line = f:read("*l")
    local k = 0
    for line in f:lines() do
        if k % n_threads == tid then
            local t, c, a = line:match("^(%S+) (%S+) (%d+)$")
            table.insert(drafts, {token = t, csrf = c, path = "/assessments/" .. a})
        end
        k = k + 1
    end
    f:close()
    assert(#drafts > 0, "no drafts for thread " .. tid .. " in " .. args[1])
    local fields = {}
    local n = 0
    for id in items_line:match("^items (%S+)$"):gmatch("%d+") do
        -- levels 0..5 spread over the items, so that scores are not all alike
        table.insert(fields, string.format("ver_%s=0&level_%s=%d", id, id, (tid + n) % 6))
        n = n + 1
    end
    answers = table.concat(fields, "&")
    next_draft = 0
end

function request()
    next_draft = next_draft + 1
    if next_draft > #drafts then
        next_draft = 1
        wrapped = 1
    end
    local d = drafts[next_draft]
    local headers = {
        ["Cookie"] = "portal_session=" .. d.token,
        ["Content-Type"] = "application/x-www-form-urlencoded",
    }
    return wrk.format("POST", d.path, headers,
                      "csrf_token=" .. d.csrf .. "&action=submit&" .. answers)
end

function response(status, headers, body)
    if status == 303 then
        ok = ok + 1
    else
        bad = bad + 1
        statuses[status] = (statuses[status] or 0) + 1
        local s = ""
        for code, n in pairs(statuses) do
            s = s .. code .. "=" .. n .. " "
        end
        others = s
    end
end

function done(summary, latency, requests)
    local total_ok, total_bad, seen, list, ran_out = 0, 0, {}, "", 0
    for _, thread in ipairs(threads) do
        total_ok = total_ok + thread:get("ok")
        total_bad = total_bad + thread:get("bad")
        ran_out = ran_out + thread:get("wrapped")
        for code, n in thread:get("others"):gmatch("(%d+)=(%d+)") do
            seen[code] = (seen[code] or 0) + tonumber(n)
        end
    end
    for code, n in pairs(seen) do
        list = list .. " " .. code .. "=" .. n
    end
    io.write(string.format("Successful/sec: %.2f\n", total_ok / (summary.duration / 1e6)))
    io.write(string.format("Successful: %d, other responses: %d%s\n", total_ok, total_bad, list))
    if ran_out > 0 then
        io.write(string.format("Ran out of drafts: %d thread(s)\n", ran_out))
    end
end
