-- count.lua - wrk script: GETs the URL with the session cookie until LIMIT requests have
-- been sent in all (each thread its share), then stops, so a run is a number of requests
-- rather than a time. usage: wrk -t1 ... -s count.lua URL -- COOKIE LIMIT
local cookie, limit, sent = "", 0, 0

function init(args)
    cookie = args[1]
    limit = tonumber(args[2])
end

function request()
    sent = sent + 1
    if sent > limit then
        wrk.thread:stop()
    end
    return wrk.format("GET", nil, { ["Cookie"] = cookie })
end
