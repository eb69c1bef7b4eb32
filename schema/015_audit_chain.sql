-- 015: a tamper-evident audit log. Each row is chained to the one before it in its
-- organisation's chain (rows without an organisation form chain 0): chain_seq counts
-- 1, 2, 3 … and row_hash = sha256(prev_hash || canonical row), prev_hash being the row
-- before's row_hash (32 zero bytes for the first). The append-only trigger stays; the
-- chain shows what its owner could still do with triggers off: an edited row no longer
-- matches its hash, a deleted one leaves a gap, reordered ones break the links.
-- portalctl audit-verify recomputes every chain outside the database (libsodium), so a
-- redefined function here cannot vouch for itself.
--
-- The canonical row is its fields in this order, each as "<bytes>:<text>,":
--   id, at (UTC, microseconds: 2026-01-15T08:30:00.000000Z), user_id, org_id, action,
--   entity, entity_id, detail (jsonb's own text), chain_seq
-- with NULL ids as empty text.

ALTER TABLE audit_log
    ADD COLUMN chain_seq bigint,
    ADD COLUMN prev_hash bytea,
    ADD COLUMN row_hash  bytea;

-- The last link of each chain; the row lock serialises writers of one organisation only.
CREATE TABLE audit_chain_heads (
    chain_key bigint PRIMARY KEY, -- org_id, or 0
    seq       bigint NOT NULL,
    hash      bytea NOT NULL
);
REVOKE ALL ON audit_chain_heads FROM PUBLIC;
ALTER TABLE audit_chain_heads ENABLE ROW LEVEL SECURITY; -- no policy: the portal never reads it

CREATE FUNCTION app.audit_canonical(r audit_log) RETURNS bytea
LANGUAGE sql STABLE AS $$
    SELECT convert_to(string_agg(octet_length(f)::text || ':' || f || ',', '' ORDER BY n), 'UTF8')
    FROM unnest(ARRAY[
        r.id::text,
        to_char(r.at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'),
        coalesce(r.user_id::text, ''),
        coalesce(r.org_id::text, ''),
        r.action,
        r.entity,
        coalesce(r.entity_id::text, ''),
        r.detail::text,
        r.chain_seq::text
    ]) WITH ORDINALITY AS t(f, n)
$$;

CREATE FUNCTION app.audit_chain() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public AS $$
DECLARE
    k bigint := coalesce(NEW.org_id, 0);
    head audit_chain_heads;
BEGIN
    INSERT INTO audit_chain_heads (chain_key, seq, hash)
    VALUES (k, 0, decode(repeat('00', 32), 'hex'))
    ON CONFLICT (chain_key) DO NOTHING;
    SELECT * INTO head FROM audit_chain_heads WHERE chain_key = k FOR UPDATE;
    NEW.chain_seq := head.seq + 1;
    NEW.prev_hash := head.hash;
    NEW.row_hash := sha256(head.hash || app.audit_canonical(NEW));
    UPDATE audit_chain_heads SET seq = NEW.chain_seq, hash = NEW.row_hash WHERE chain_key = k;
    RETURN NEW;
END $$;
REVOKE ALL ON FUNCTION app.audit_chain() FROM PUBLIC;

-- The rows written so far, chained in the order they were written.
ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_update;
DO $$
DECLARE
    r audit_log;
    head audit_chain_heads;
    k bigint;
BEGIN
    FOR r IN SELECT * FROM audit_log ORDER BY id LOOP
        k := coalesce(r.org_id, 0);
        INSERT INTO audit_chain_heads (chain_key, seq, hash)
        VALUES (k, 0, decode(repeat('00', 32), 'hex'))
        ON CONFLICT (chain_key) DO NOTHING;
        SELECT * INTO head FROM audit_chain_heads WHERE chain_key = k;
        r.chain_seq := head.seq + 1;
        r.prev_hash := head.hash;
        r.row_hash := sha256(head.hash || app.audit_canonical(r));
        UPDATE audit_log SET chain_seq = r.chain_seq, prev_hash = r.prev_hash,
                             row_hash = r.row_hash
         WHERE id = r.id;
        UPDATE audit_chain_heads SET seq = r.chain_seq, hash = r.row_hash WHERE chain_key = k;
    END LOOP;
END $$;
ALTER TABLE audit_log ENABLE TRIGGER audit_log_no_update;

ALTER TABLE audit_log ALTER COLUMN chain_seq SET NOT NULL,
                      ALTER COLUMN prev_hash SET NOT NULL,
                      ALTER COLUMN row_hash SET NOT NULL;
CREATE UNIQUE INDEX audit_log_chain ON audit_log (coalesce(org_id, 0), chain_seq);

CREATE TRIGGER audit_log_chain BEFORE INSERT ON audit_log
    FOR EACH ROW EXECUTE FUNCTION app.audit_chain();
