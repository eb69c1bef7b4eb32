-- 034: who recorded a regulatory report as sent, for everyone who works on the incident
-- (issue 10, defect 4, for incidents: when the parent's coordinator recorded a group
-- company's NIS2 notification, the company's own coordinators read "a user of another
-- organisation", because users are visible only to colleagues). The name is given for one
-- obligation to those the obligations_read policy shows it to (app.is_internal_incident,
-- schema/032, the policy's own condition), and to nobody else.
CREATE FUNCTION app.obligation_sender(p_obligation bigint) RETURNS text
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
    name text;
BEGIN
    SELECT u.display_name INTO name
      FROM notification_obligations o JOIN users u ON u.id = o.sent_by
     WHERE o.id = p_obligation AND app.is_internal_incident(o.incident_id);
    RETURN name;
END $$;
REVOKE ALL ON FUNCTION app.obligation_sender(bigint) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION app.obligation_sender(bigint) TO portal_app;
