-- save.lua - wrk script for bench.sh: each request saves ONE item of a draft assessment with
-- a new maturity level, the way the answer form does (form-urlencoded POST with the session
-- cookie, the CSRF token, ver_<item> and level_<item>), so that each request is one
-- committed write of an answer (plus its history row and audit row).
--
--   wrk -tC -cC -s save.lua URL -- DATAFILE
--
-- Run with as many threads as connections: wrk gives a thread's connections one Lua state
-- and does not say which connection a request is for, so one connection per thread is
-- what lets the script keep each assessment's state. Line k (0-based) of DATAFILE belongs
-- to thread k: "TOKEN CSRF ASSESSMENT_ID ITEM:VERSION,ITEM:VERSION,...", the versions as
-- stored when the run starts. The thread is the only writer of its assessment, so after a
-- 303 the item's version is the one it sent plus one (the portal answers 409 to a stale
-- version), and the level it sends, version % 5 + 1, always differs from the stored one
-- (an unchanged answer would not be written). Items are saved in rotation.
--
-- Only 303s count as successful; done() prints "Successful/sec", the counts and the other
-- statuses seen (e.g. 409=3), which bench.sh reads.

local threads = {}
local counter = 0

function setup(thread)
    thread:set("tid", counter)
    counter = counter + 1
    table.insert(threads, thread)
end

function init(args)
    ok, bad, others = 0, 0, ""
    statuses = {}
    items = {}
    local f = assert(io.open(args[1], "r"))
    local k = 0
    for line in f:lines() do
        if k == tid then
            local t, c, a, list = line:match("^(%S+) (%S+) (%d+) (%S+)$")
            token, csrf, path = t, c, "/assessments/" .. a
            for id, ver in list:gmatch("(%d+):(%d+)") do
                table.insert(items, {id = id, ver = tonumber(ver)})
            end
        end
        k = k + 1
    end
    f:close()
    assert(#items > 0, "no line " .. tid .. " in " .. args[1])
    headers = {
        ["Cookie"] = "portal_session=" .. token,
        ["Content-Type"] = "application/x-www-form-urlencoded",
    }
    next_item = 0
end

function request()
    next_item = next_item % #items + 1
    current = items[next_item]
    local body = string.format("csrf_token=%s&action=save&ver_%s=%d&level_%s=%d", csrf,
                               current.id, current.ver, current.id, current.ver % 5 + 1)
    return wrk.format("POST", path, headers, body)
end

function response(status, headers, body)
    if status == 303 then
        current.ver = current.ver + 1
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
    local total_ok, total_bad, seen, list = 0, 0, {}, ""
    for _, thread in ipairs(threads) do
        total_ok = total_ok + thread:get("ok")
        total_bad = total_bad + thread:get("bad")
        for code, n in thread:get("others"):gmatch("(%d+)=(%d+)") do
            seen[code] = (seen[code] or 0) + tonumber(n)
        end
    end
    for code, n in pairs(seen) do
        list = list .. " " .. code .. "=" .. n
    end
    io.write(string.format("Successful/sec: %.2f\n", total_ok / (summary.duration / 1e6)))
    io.write(string.format("Successful: %d, other responses: %d%s\n", total_ok, total_bad, list))
end
