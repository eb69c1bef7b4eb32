-- Organisations, their relations, users, memberships, sessions, login throttling and the
-- append-only audit log; the row-level-security helpers every tenant table relies on.
-- Runs as portal_owner. The roles portal_app and portal_forwarder exist already
-- (deploy/db-setup.sh creates them); neither owns a table nor bypasses RLS.

CREATE SCHEMA app AUTHORIZATION portal_owner;
GRANT USAGE ON SCHEMA app TO portal_app, portal_forwarder;

CREATE TABLE organisations (
    id         bigserial PRIMARY KEY,
    name       text NOT NULL UNIQUE CHECK (length(name) BETWEEN 1 AND 200),
    created_at timestamptz NOT NULL DEFAULT now()
);

-- A parent with its group companies and suppliers; one supplier may serve many parents.
CREATE TABLE org_relations (
    parent_id  bigint NOT NULL REFERENCES organisations(id),
    child_id   bigint NOT NULL REFERENCES organisations(id),
    kind       text NOT NULL CHECK (kind IN ('group_company', 'supplier')),
    created_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (parent_id, child_id),
    CHECK (parent_id <> child_id)
);
CREATE INDEX org_relations_child ON org_relations (child_id);

CREATE TABLE users (
    id            bigserial PRIMARY KEY,
    email         text NOT NULL CHECK (email = lower(email) AND length(email) BETWEEN 3 AND 254),
    display_name  text NOT NULL CHECK (length(display_name) BETWEEN 1 AND 200),
    password_hash text,
    disabled      boolean NOT NULL DEFAULT false,
    created_at    timestamptz NOT NULL DEFAULT now(),
    UNIQUE (email)
);

CREATE TABLE memberships (
    user_id    bigint NOT NULL REFERENCES users(id),
    org_id     bigint NOT NULL REFERENCES organisations(id),
    role       text NOT NULL CHECK (role IN ('org_admin', 'assessor', 'incident_reporter',
                                             'coordinator', 'reviewer')),
    created_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (user_id, org_id, role)
);
CREATE INDEX memberships_org ON memberships (org_id);

-- Only the hash of a session token is stored; the cookie holds the token itself.
CREATE TABLE sessions (
    id           bigserial PRIMARY KEY,
    token_hash   bytea NOT NULL UNIQUE,
    user_id      bigint NOT NULL REFERENCES users(id),
    csrf_token   text NOT NULL,
    created_at   timestamptz NOT NULL DEFAULT now(),
    last_seen_at timestamptz NOT NULL DEFAULT now(),
    expires_at   timestamptz NOT NULL
);
CREATE INDEX sessions_user ON sessions (user_id);

CREATE TABLE login_failures (
    id      bigserial PRIMARY KEY,
    account text NOT NULL,
    address text NOT NULL,
    at      timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX login_failures_account ON login_failures (account, at);
CREATE INDEX login_failures_address ON login_failures (address, at);

CREATE TABLE audit_log (
    id      bigserial PRIMARY KEY,
    at      timestamptz NOT NULL DEFAULT now(),
    user_id bigint REFERENCES users(id),
    org_id  bigint REFERENCES organisations(id),
    action  text NOT NULL,
    entity  text NOT NULL,
    entity_id bigint,
    detail  jsonb NOT NULL DEFAULT '{}'
);
CREATE INDEX audit_log_org ON audit_log (org_id, at);

-- Not even the owner may rewrite history.
CREATE FUNCTION app.audit_log_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'audit_log is append-only';
END $$;
CREATE TRIGGER audit_log_no_update BEFORE UPDATE OR DELETE ON audit_log
    FOR EACH STATEMENT EXECUTE FUNCTION app.audit_log_immutable();

-- ---------------------------------------------------------------------------------------
-- Tenant context. The portal sets app.user_id with SET LOCAL in every transaction; the
-- functions below run as the owner (SECURITY DEFINER) so that policies can consult
-- memberships without recursing into their own policies.

CREATE FUNCTION app.current_user_id() RETURNS bigint LANGUAGE sql STABLE AS $$
    SELECT nullif(current_setting('app.user_id', true), '')::bigint
$$;

CREATE FUNCTION app.member_orgs() RETURNS SETOF bigint
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
    SELECT DISTINCT org_id FROM memberships WHERE user_id = app.current_user_id()
$$;

CREATE FUNCTION app.has_role(p_org bigint, p_roles text[]) RETURNS boolean
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
    SELECT EXISTS (SELECT 1 FROM memberships
                    WHERE user_id = app.current_user_id() AND org_id = p_org
                      AND role = ANY (p_roles))
$$;

-- Child organisations whose submissions the user oversees as a parent's reviewer,
-- coordinator or administrator.
CREATE FUNCTION app.overseen_orgs() RETURNS SETOF bigint
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
    SELECT DISTINCT r.child_id
      FROM org_relations r JOIN memberships m ON m.org_id = r.parent_id
     WHERE m.user_id = app.current_user_id()
       AND m.role IN ('reviewer', 'coordinator', 'org_admin')
$$;

ALTER TABLE organisations ENABLE ROW LEVEL SECURITY;
ALTER TABLE org_relations ENABLE ROW LEVEL SECURITY;
ALTER TABLE users ENABLE ROW LEVEL SECURITY;
ALTER TABLE memberships ENABLE ROW LEVEL SECURITY;
ALTER TABLE sessions ENABLE ROW LEVEL SECURITY;
ALTER TABLE login_failures ENABLE ROW LEVEL SECURITY;
ALTER TABLE audit_log ENABLE ROW LEVEL SECURITY;

-- An organisation is visible to its members, to those overseeing it, and to its children
-- (a supplier must be able to name the customers it serves).
CREATE POLICY organisations_read ON organisations FOR SELECT TO portal_app USING (
    id IN (SELECT app.member_orgs()) OR id IN (SELECT app.overseen_orgs())
    OR id IN (SELECT parent_id FROM org_relations));
CREATE POLICY org_relations_read ON org_relations FOR SELECT TO portal_app USING (
    parent_id IN (SELECT app.member_orgs()) OR child_id IN (SELECT app.member_orgs()));
-- Users who share an organisation with the user (read as owner: an index lookup, not a
-- scan of memberships under their own policy on every statement).
CREATE FUNCTION app.colleagues() RETURNS SETOF bigint
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
    SELECT m.user_id FROM memberships m WHERE m.org_id IN (SELECT app.member_orgs())
$$;
CREATE POLICY users_read ON users FOR SELECT TO portal_app USING (
    id = app.current_user_id() OR id IN (SELECT app.colleagues()));
CREATE POLICY memberships_read ON memberships FOR SELECT TO portal_app USING (
    user_id = app.current_user_id() OR org_id IN (SELECT app.member_orgs()));
CREATE POLICY audit_log_read ON audit_log FOR SELECT TO portal_app USING (
    org_id IN (SELECT app.member_orgs()) OR user_id = app.current_user_id());
CREATE POLICY audit_log_write ON audit_log FOR INSERT TO portal_app WITH CHECK (
    user_id IS NOT DISTINCT FROM app.current_user_id()
    AND (org_id IS NULL OR org_id IN (SELECT app.member_orgs())));

GRANT SELECT ON organisations, org_relations, users, memberships TO portal_app;
GRANT SELECT, INSERT ON audit_log TO portal_app;
GRANT USAGE ON SEQUENCE audit_log_id_seq TO portal_app;

-- ---------------------------------------------------------------------------------------
-- Authentication runs before a user is known, so it goes through these functions rather
-- than through grants on users, sessions and login_failures.

CREATE FUNCTION app.login_lookup(p_email text)
RETURNS TABLE (user_id bigint, password_hash text)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
    SELECT id, password_hash FROM users WHERE email = lower(p_email) AND NOT disabled
$$;

CREATE FUNCTION app.login_recent_failures(p_email text, p_address text, p_window interval)
RETURNS TABLE (by_account bigint, by_address bigint)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
    SELECT (SELECT count(*) FROM login_failures
             WHERE account = lower(p_email) AND at > now() - p_window),
           (SELECT count(*) FROM login_failures
             WHERE address = p_address AND at > now() - p_window)
$$;

CREATE FUNCTION app.login_record_failure(p_email text, p_address text) RETURNS void
LANGUAGE sql SECURITY DEFINER SET search_path = public, pg_temp AS $$
    INSERT INTO login_failures (account, address) VALUES (lower(p_email), p_address);
    DELETE FROM login_failures WHERE at < now() - interval '1 day';
$$;

CREATE FUNCTION app.login_clear_failures(p_email text) RETURNS void
LANGUAGE sql SECURITY DEFINER SET search_path = public, pg_temp AS $$
    DELETE FROM login_failures WHERE account = lower(p_email);
$$;

-- Rotation at login: the browser's previous session (if it sent one) ends and a new token
-- replaces it, so a token planted before login is worthless; sessions on the user's other
-- devices go on. Expired sessions are swept on the way.
CREATE FUNCTION app.session_create(p_user bigint, p_token_hash bytea, p_csrf text,
                                   p_absolute interval, p_previous bytea) RETURNS void
LANGUAGE sql SECURITY DEFINER SET search_path = public, pg_temp AS $$
    DELETE FROM sessions WHERE token_hash = p_previous OR expires_at < now();
    INSERT INTO sessions (token_hash, user_id, csrf_token, expires_at)
    VALUES (p_token_hash, p_user, p_csrf, now() + p_absolute);
$$;

-- Looks a session up by the hash of its token, ends it when idle or past its absolute
-- expiry, and sets the tenant context for the rest of the transaction. last_seen_at is
-- written at most once a minute, so reading pages does not write on every request.
CREATE FUNCTION app.session_begin(p_token_hash bytea, p_idle interval)
RETURNS TABLE (user_id bigint, csrf_token text, email text, display_name text,
               memberships json)
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
#variable_conflict use_column
DECLARE
    s sessions%ROWTYPE;
BEGIN
    SELECT * INTO s FROM sessions WHERE token_hash = p_token_hash;
    IF NOT FOUND OR EXISTS (SELECT 1 FROM users u WHERE u.id = s.user_id AND u.disabled) THEN
        RETURN;
    END IF;
    IF s.expires_at <= now() OR s.last_seen_at <= now() - p_idle THEN
        DELETE FROM sessions WHERE id = s.id;
        RETURN;
    END IF;
    IF s.last_seen_at < now() - interval '1 minute' THEN
        UPDATE sessions SET last_seen_at = now() WHERE id = s.id;
    END IF;
    PERFORM set_config('app.user_id', s.user_id::text, true);
    RETURN QUERY
        SELECT u.id, s.csrf_token, u.email, u.display_name,
               coalesce((SELECT json_agg(json_build_object('org_id', m.org_id,
                                         'org', o.name, 'role', m.role)
                                         ORDER BY o.name, m.role)
                           FROM memberships m JOIN organisations o ON o.id = m.org_id
                          WHERE m.user_id = u.id), '[]'::json)
          FROM users u WHERE u.id = s.user_id AND NOT u.disabled;
END $$;

CREATE FUNCTION app.session_delete(p_token_hash bytea) RETURNS void
LANGUAGE sql SECURITY DEFINER SET search_path = public, pg_temp AS $$
    DELETE FROM sessions WHERE token_hash = p_token_hash;
$$;

REVOKE ALL ON ALL FUNCTIONS IN SCHEMA app FROM PUBLIC;
GRANT EXECUTE ON ALL FUNCTIONS IN SCHEMA app TO portal_app;
