-- 042: a mail to the coordinators and administrators of each organisation an advisory is
-- passed on to (issue 11, part 1: redistribution through the outbox, as incidents go out),
-- in each person's language. The portal renders the words of each language from its
-- language files (Mail.Advisory.*) and passes them in; this function, run by the
-- coordinator who passed the advisory on, finds the people (whom that coordinator's own
-- row-level security does not show) and queues one mail each. The mail names the advisory
-- and links to it; its text stays in the portal. Nothing is queued for an organisation the
-- advisory was not passed on to, or by someone who may not pass it on.
--
-- Words per language code: subject and body are format() strings with %1$s the sending
-- organisation, %2$s the advisory's title, %3$s its tracking id, %4$s its TLP in words
-- (tlp_<tlp>), %5$s the link, %6$s the person's name, %7$s the receiving organisation.
CREATE FUNCTION app.queue_advisory_notices(p_advisory bigint, p_orgs bigint[], p_link text,
                                           p_words jsonb)
RETURNS int
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
    a advisories%ROWTYPE;
    v_count int;
BEGIN
    SELECT * INTO a FROM advisories WHERE id = p_advisory;
    IF NOT FOUND OR NOT app.has_role(a.org_id, ARRAY['coordinator', 'org_admin']) THEN
        RETURN 0;
    END IF;
    WITH person AS (
        SELECT DISTINCT s.org_id, u.email, u.display_name, o.name AS org_name,
               coalesce(p_words -> nullif(u.lang, ''), p_words -> 'en') AS w
          FROM advisory_shares s
          JOIN organisations o ON o.id = s.org_id
          JOIN memberships m ON m.org_id = s.org_id AND m.role IN ('coordinator', 'org_admin')
          JOIN users u ON u.id = m.user_id AND NOT u.disabled
         WHERE s.advisory_id = p_advisory AND s.org_id = ANY (p_orgs)),
    queued AS (
        INSERT INTO outbox (org_id, channel, address, kind, payload)
        SELECT p.org_id, 'smtp', p.email, 'mail.advisory',
               jsonb_build_object(
                   'to', p.email,
                   'subject', format(p.w ->> 'subject', sender.name, a.title, a.tracking_id,
                                     p.w ->> ('tlp_' || a.tlp), p_link, p.display_name,
                                     p.org_name),
                   'text', format(p.w ->> 'body', sender.name, a.title, a.tracking_id,
                                  p.w ->> ('tlp_' || a.tlp), p_link, p.display_name,
                                  p.org_name))
          FROM person p, organisations sender
         WHERE sender.id = a.org_id
        RETURNING 1)
    SELECT count(*) INTO v_count FROM queued;
    RETURN v_count;
END $$;
REVOKE ALL ON FUNCTION app.queue_advisory_notices(bigint, bigint[], text, jsonb) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION app.queue_advisory_notices(bigint, bigint[], text, jsonb)
    TO portal_app;
