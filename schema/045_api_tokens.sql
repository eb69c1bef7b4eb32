-- 045: tokens for the JSON API (/api/v1). A token belongs to one person acting for one
-- organisation, carries scopes, expires, and can be revoked; only a hash of its secret is
-- stored (BLAKE2b of the random secret, lib/api_token.c). A request with a token gets the
-- same tenant context as a signed-in session (app.user_id), so every row-level security
-- policy applies unchanged; the portal additionally limits the person's memberships to the
-- token's organisation. Each POST's Idempotency-Key is kept with the first response, in the
-- transaction of the action itself.

CREATE TABLE api_tokens (
    id            bigserial PRIMARY KEY,
    user_id       bigint NOT NULL REFERENCES users(id),
    org_id        bigint NOT NULL REFERENCES organisations(id),
    name          text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
    token_hash    bytea NOT NULL UNIQUE,
    scopes        text[] NOT NULL CHECK (cardinality(scopes) >= 1 AND scopes <@ ARRAY[
                      'assessments:read', 'assessments:write', 'incidents:write',
                      'advisories:answer', 'deliveries:read']::text[]),
    created_at    timestamptz NOT NULL DEFAULT now(),
    expires_at    timestamptz NOT NULL,
    revoked_at    timestamptz,
    last_used_at  timestamptz,
    -- the rate limit's fixed window: requests counted since window_start (one minute)
    window_start  timestamptz NOT NULL DEFAULT now(),
    window_count  int NOT NULL DEFAULT 0,
    CHECK (expires_at > created_at)
);
CREATE INDEX api_tokens_user ON api_tokens (user_id);
CREATE INDEX api_tokens_org ON api_tokens (org_id);

ALTER TABLE api_tokens ENABLE ROW LEVEL SECURITY;
-- A person sees and revokes their own tokens; an organisation's administrators see and
-- revoke every token acting for it. A token is made only for oneself, in an organisation
-- one belongs to.
CREATE POLICY api_tokens_read ON api_tokens FOR SELECT TO portal_app USING (
    user_id = app.current_user_id() OR app.has_role(org_id, ARRAY['org_admin']));
CREATE POLICY api_tokens_insert ON api_tokens FOR INSERT TO portal_app WITH CHECK (
    user_id = app.current_user_id() AND org_id IN (SELECT app.member_orgs()));
CREATE POLICY api_tokens_revoke ON api_tokens FOR UPDATE TO portal_app
    USING (user_id = app.current_user_id() OR app.has_role(org_id, ARRAY['org_admin']))
    WITH CHECK (revoked_at IS NOT NULL);
GRANT SELECT (id, user_id, org_id, name, scopes, created_at, expires_at, revoked_at,
              last_used_at) ON api_tokens TO portal_app;
GRANT INSERT (user_id, org_id, name, token_hash, scopes, expires_at) ON api_tokens
    TO portal_app;
GRANT UPDATE (revoked_at) ON api_tokens TO portal_app;
GRANT USAGE ON SEQUENCE api_tokens_id_seq TO portal_app;

-- The first response to each (token, Idempotency-Key): a repeat gets it back, and no
-- second record is made.
CREATE TABLE api_idempotency (
    token_id     bigint NOT NULL REFERENCES api_tokens(id),
    key          text NOT NULL CHECK (length(key) BETWEEN 1 AND 200),
    method       text NOT NULL,
    path         text NOT NULL,
    status       int NOT NULL,
    content_type text NOT NULL,
    body         text NOT NULL,
    location     text NOT NULL DEFAULT '',
    created_at   timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (token_id, key)
);
ALTER TABLE api_idempotency ENABLE ROW LEVEL SECURITY;
CREATE POLICY api_idempotency_own ON api_idempotency FOR ALL TO portal_app
    USING (token_id IN (SELECT id FROM api_tokens WHERE user_id = app.current_user_id()))
    WITH CHECK (token_id IN (SELECT id FROM api_tokens WHERE user_id = app.current_user_id()));
GRANT SELECT, INSERT ON api_idempotency TO portal_app;

-- Looks a token up by the hash of its secret. No row: unknown, expired, revoked, or its
-- person disabled or no longer a member of its organisation. Otherwise counts the request
-- in the token's one-minute window (retry_after > 0: over p_limit, wait that many seconds)
-- and, when within the limit, sets the tenant context as app.session_begin does. The
-- token's row stays locked to the end of the request, so one token's requests run one
-- after another (two with the same Idempotency-Key cannot both act).
CREATE FUNCTION app.api_token_begin(p_token_hash bytea, p_limit int)
RETURNS TABLE (token_id bigint, user_id bigint, org_id bigint, scopes text[], email text,
               display_name text, memberships json, lang text, retry_after int)
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
#variable_conflict use_column
DECLARE
    t api_tokens%ROWTYPE;
    v_wait int := 0;
BEGIN
    SELECT * INTO t FROM api_tokens WHERE token_hash = p_token_hash FOR UPDATE;
    IF NOT FOUND OR t.revoked_at IS NOT NULL OR t.expires_at <= now()
       OR NOT EXISTS (SELECT 1 FROM users u WHERE u.id = t.user_id AND NOT u.disabled)
       OR NOT EXISTS (SELECT 1 FROM memberships m
                       WHERE m.user_id = t.user_id AND m.org_id = t.org_id) THEN
        RETURN;
    END IF;
    IF t.window_start <= now() - interval '1 minute' THEN
        t.window_start := now();
        t.window_count := 0;
    END IF;
    t.window_count := t.window_count + 1;
    IF t.window_count > p_limit THEN
        v_wait := greatest(1, ceil(extract(epoch FROM
                      t.window_start + interval '1 minute' - now()))::int);
    END IF;
    UPDATE api_tokens SET window_start = t.window_start, window_count = t.window_count,
                          last_used_at = now()
     WHERE id = t.id;
    IF v_wait = 0 THEN
        PERFORM set_config('app.user_id', t.user_id::text, true);
    END IF;
    RETURN QUERY
        SELECT t.id, u.id, t.org_id, t.scopes, u.email, u.display_name,
               coalesce((SELECT json_agg(json_build_object('org_id', m.org_id,
                                         'org', o.name, 'role', m.role)
                                         ORDER BY m.role)
                           FROM memberships m JOIN organisations o ON o.id = m.org_id
                          WHERE m.user_id = u.id AND m.org_id = t.org_id), '[]'::json),
               u.lang, v_wait
          FROM users u WHERE u.id = t.user_id;
END $$;
REVOKE ALL ON FUNCTION app.api_token_begin(bytea, int) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION app.api_token_begin(bytea, int) TO portal_app;
