-- incident.lua - wrk script: every request reports a new incident (POST /incidents, the
-- form's fields, url-encoded) with the reporter's session cookie and CSRF token.
-- usage: wrk ... -s incident.lua URL -- COOKIE CSRF
local cookie, csrf

function init(args)
    cookie = args[1]
    csrf = args[2]
end

function request()
    local body = "csrf_token=" .. csrf ..
        "&title=Bench+incident&detected_at=2026-11-20T07%3A15" ..
        "&description=Malware+found+on+a+workstation+during+the+benchmark." ..
        "&category=malware&severity=warning&tlp=amber"
    return wrk.format("POST", "/incidents", {
        ["Content-Type"] = "application/x-www-form-urlencoded",
        ["Cookie"] = cookie,
    }, body)
end
