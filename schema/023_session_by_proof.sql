-- 023: a session is made only for a credential the database checks itself (issue 8,
-- hole 10). app.session_create took the user from its caller, so whoever held the portal's
-- database role could make a web session for any user; and app.login_lookup handed that
-- role any account's whole password hash, material for offline guessing. Now:
--  * app.login_lookup returns only the hash's settings (algorithm, costs, salt). The portal
--    derives Argon2id from the typed password with them; the result (the proof) is the
--    hash's last part exactly when the password is right. app.login_complete compares the
--    proof with the stored hash, clears the attempt's counters and makes the session, or
--    returns NULL and the attempt stays counted as a failure.
--  * app.session_after_invitation makes the session of the account whose invitation was
--    accepted in this same transaction, for the caller who knows the invitation's token.
--  * app.session_create and app.login_succeeded are the database's own; the portal's role
--    cannot call them. Nor does it read invitations' token hashes any more (it only ever
--    wrote them): with one, app.invitation_accept would set a new account's password.
-- (app.user_id, the tenant context, is still set by the portal for its transaction: a
-- foothold on the role acts as any user inside the database; it cannot sign in as one.)

DROP FUNCTION app.login_lookup(text);
CREATE FUNCTION app.login_lookup(p_email text)
RETURNS TABLE (user_id bigint, password_settings text)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
    SELECT id, substring(password_hash from '^(.*)\$[A-Za-z0-9+/]+$')
      FROM users WHERE email = lower(p_email) AND NOT disabled
$$;

-- The raw hash at the end of an encoded Argon2 string ($argon2id$v=19$m=..,t=..,p=..$salt$hash,
-- unpadded base64), NULL for anything else.
CREATE FUNCTION app.password_hash_bytes(p_hash text) RETURNS bytea
LANGUAGE sql IMMUTABLE AS $$
    SELECT decode(rpad(h, (length(h) + 3) / 4 * 4, '='), 'base64')
      FROM substring(p_hash from '^\$argon2id\$[^$]+\$[^$]+\$[A-Za-z0-9+/]+\$([A-Za-z0-9+/]+)$') h
$$;

CREATE FUNCTION app.login_complete(p_email text, p_address text, p_device text,
                                   p_new_device text, p_proof bytea, p_token_hash bytea,
                                   p_csrf text, p_absolute interval, p_previous bytea)
RETURNS bigint
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
    uid bigint;
BEGIN
    -- compared as digests, so the time taken tells nothing of how much of it matched
    SELECT id INTO uid FROM users
     WHERE email = lower(p_email) AND NOT disabled
       AND sha256(app.password_hash_bytes(password_hash)) = sha256(p_proof);
    IF uid IS NULL THEN
        RETURN NULL;
    END IF;
    PERFORM app.login_succeeded(p_email, p_address, p_device, p_new_device);
    PERFORM app.session_create(uid, p_token_hash, p_csrf, p_absolute, p_previous);
    RETURN uid;
END $$;

CREATE FUNCTION app.session_after_invitation(p_invitation_hash bytea, p_token_hash bytea,
                                             p_csrf text, p_absolute interval,
                                             p_previous bytea)
RETURNS bigint
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
    uid bigint;
BEGIN
    -- now() is the transaction's start: used_at equals it only for an acceptance made in it
    SELECT u.id INTO uid FROM invitations i JOIN users u ON u.email = i.email
     WHERE i.token_hash = p_invitation_hash AND i.used_at = now() AND NOT u.disabled
       AND u.password_hash IS NOT NULL;
    IF uid IS NULL THEN
        RAISE EXCEPTION 'no invitation accepted in this transaction' USING ERRCODE = '42501';
    END IF;
    PERFORM app.session_create(uid, p_token_hash, p_csrf, p_absolute, p_previous);
    RETURN uid;
END $$;

REVOKE ALL ON FUNCTION app.session_create(bigint, bytea, text, interval, bytea),
    app.login_succeeded(text, text, text, text), app.password_hash_bytes(text)
    FROM PUBLIC, portal_app;
REVOKE ALL ON FUNCTION app.login_lookup(text),
    app.login_complete(text, text, text, text, bytea, bytea, text, interval, bytea),
    app.session_after_invitation(bytea, bytea, text, interval, bytea) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION app.login_lookup(text),
    app.login_complete(text, text, text, text, bytea, bytea, text, interval, bytea),
    app.session_after_invitation(bytea, bytea, text, interval, bytea) TO portal_app;

REVOKE SELECT ON invitations FROM portal_app;
GRANT SELECT (id, org_id, campaign_id, email, expires_at, used_at, created_by, created_at, role)
    ON invitations TO portal_app;
