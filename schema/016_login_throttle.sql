-- 016: sign-in throttling that hands attackers no lock-out. Failures were counted per
-- account in a window and read before being acted on: five wrong passwords from anyone
-- locked the owner out for 15 minutes, and parallel requests all read a count under the
-- limit before any recorded theirs. Now each attempt is counted before the password is
-- checked, under a row lock held to the end of the request's transaction, on three
-- counters:
--   pair     (account, address), or (account, a device the owner signed in from before):
--            the first 3 failures go through, then a delay doubling from 1 s to 15 min;
--   account  failures from devices the account has not signed in from: past the account
--            limit the same growing delay, for unknown devices only - the owner's known
--            devices are exempt, so a stranger cannot lock the owner out;
--   address  failures from one address across accounts in the window, past its limit.
-- A refused attempt is not counted. A success clears the pair and account counters.

CREATE TABLE login_throttle (
    scope        text NOT NULL CHECK (scope IN ('pair', 'account', 'address')),
    key          text NOT NULL,
    failures     integer NOT NULL DEFAULT 0,
    next_allowed timestamptz NOT NULL DEFAULT '-infinity',
    window_start timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (scope, key)
);
ALTER TABLE login_throttle ENABLE ROW LEVEL SECURITY;

-- Devices an account has signed in from: the SHA-256 of a random cookie set at sign-in.
CREATE TABLE login_devices (
    account     text NOT NULL,
    device_hash bytea NOT NULL,
    last_used   timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (account, device_hash)
);
ALTER TABLE login_devices ENABLE ROW LEVEL SECURITY;

-- The delay after n counted failures once past free ones: 1 s, 2 s, 4 s … 15 min.
CREATE FUNCTION app.login_delay(n integer, free integer) RETURNS interval
LANGUAGE sql IMMUTABLE AS $$
    SELECT CASE WHEN n < free THEN interval '0'
                ELSE make_interval(secs => least(900, power(2, least(n - free, 20))))
           END
$$;

-- The row of one counter, created if missing and locked to the end of the transaction;
-- a counter whose window has passed starts again.
CREATE FUNCTION app.login_counter(p_scope text, p_key text, p_window interval)
RETURNS login_throttle
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
    r login_throttle;
BEGIN
    INSERT INTO login_throttle (scope, key) VALUES (p_scope, p_key) ON CONFLICT DO NOTHING;
    SELECT * INTO r FROM login_throttle WHERE scope = p_scope AND key = p_key FOR UPDATE;
    IF r.window_start < now() - p_window AND r.next_allowed < now() THEN
        UPDATE login_throttle SET failures = 0, window_start = now()
         WHERE scope = p_scope AND key = p_key RETURNING * INTO r;
    END IF;
    RETURN r;
END $$;

-- Counts an attempt before its password is checked. Returns 0 when it may go ahead (the
-- attempt is then counted as a failure until app.login_succeeded), else the seconds to
-- wait. p_device is the raw device cookie or NULL.
CREATE FUNCTION app.login_attempt(p_email text, p_address text, p_device text,
                                  p_max_account integer, p_max_address integer,
                                  p_window interval) RETURNS integer
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
    acct text := lower(p_email);
    known boolean := p_device IS NOT NULL AND EXISTS (
        SELECT 1 FROM login_devices
         WHERE account = acct AND device_hash = sha256(convert_to(p_device, 'UTF8')));
    pair login_throttle;
    account login_throttle;
    address login_throttle;
    wait timestamptz;
BEGIN
    pair := app.login_counter('pair', acct || ' ' || CASE WHEN known THEN 'known device'
                                                          ELSE p_address END, p_window);
    address := app.login_counter('address', p_address, p_window);
    wait := pair.next_allowed;
    IF NOT known THEN
        account := app.login_counter('account', acct, p_window);
        wait := greatest(wait, account.next_allowed);
        IF address.failures >= p_max_address THEN
            wait := greatest(wait, address.window_start + p_window);
        END IF;
    END IF;
    IF wait > now() THEN
        RETURN greatest(1, ceil(extract(epoch FROM wait - now())))::integer;
    END IF;
    UPDATE login_throttle SET failures = failures + 1,
           next_allowed = now() + app.login_delay(failures + 1, 3)
     WHERE scope = 'pair' AND key = pair.key;
    UPDATE login_throttle SET failures = failures + 1
     WHERE scope = 'address' AND key = p_address;
    IF NOT known THEN
        UPDATE login_throttle SET failures = failures + 1,
               next_allowed = now() + app.login_delay(failures + 1, p_max_account)
         WHERE scope = 'account' AND key = acct;
    END IF;
    PERFORM set_config('app.login_attempt', acct || ' ' || p_address, true);
    DELETE FROM login_throttle WHERE window_start < now() - interval '1 day'
                                 AND next_allowed < now();
    RETURN 0;
END $$;

-- After the password matched: clears the attempt's pair and account counters and records
-- the device (the new cookie's raw value). Only for the attempt counted in this same
-- transaction, so it cannot wipe the counters of an account on its own.
CREATE FUNCTION app.login_succeeded(p_email text, p_address text, p_device text,
                                    p_new_device text) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
    acct text := lower(p_email);
BEGIN
    IF current_setting('app.login_attempt', true) IS DISTINCT FROM acct || ' ' || p_address THEN
        RAISE EXCEPTION 'no sign-in attempt for this account in this transaction';
    END IF;
    DELETE FROM login_throttle
     WHERE (scope = 'pair' AND key IN (acct || ' ' || p_address, acct || ' known device'))
        OR (scope = 'account' AND key = acct);
    UPDATE login_throttle SET failures = greatest(0, failures - 1)
     WHERE scope = 'address' AND key = p_address;
    IF p_device IS NOT NULL THEN
        UPDATE login_devices SET last_used = now()
         WHERE account = acct AND device_hash = sha256(convert_to(p_device, 'UTF8'));
    END IF;
    IF p_new_device IS NOT NULL THEN
        INSERT INTO login_devices (account, device_hash)
        VALUES (acct, sha256(convert_to(p_new_device, 'UTF8'))) ON CONFLICT DO NOTHING;
    END IF;
    DELETE FROM login_devices WHERE last_used < now() - interval '1 year';
    PERFORM set_config('app.login_attempt', '', true);
END $$;

REVOKE ALL ON FUNCTION app.login_counter(text, text, interval) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION app.login_attempt(text, text, text, integer, integer, interval),
    app.login_succeeded(text, text, text, text) TO portal_app;

-- The functions they replace: the count read apart from the act, and a clear that took
-- any account from its caller.
DROP FUNCTION app.login_recent_failures(text, text, interval);
DROP FUNCTION app.login_record_failure(text, text);
DROP FUNCTION app.login_clear_failures(text);
DROP TABLE login_failures;
