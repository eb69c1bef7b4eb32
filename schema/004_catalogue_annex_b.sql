-- ISO/IEC TR 27103:2018, Annex B: the three principles and ten essentials of cybersecurity
-- management for top management, with the standards that support them (Tables B.1 and B.2).
-- A second, management-level questionnaire beside the function/category catalogue of 003: each
-- item is a statement top management assesses; the mappings list the supporting standards.
-- Statements are transcribed from B.2 a)-c) and B.3 a)-d) of shared/seeds/000_7b347f0b97d6aafb.txt;
-- repairs and normalisations are noted beside the data. Table B.1 rows (1)-(3) belong to the
-- principles a)-c), Table B.2 rows (1)-(10) to the essentials in B.3 order (a) 1) .. d) 2)).
-- Runs as portal_owner after 003_catalogue_tr27103_2018.sql (the edition row must exist).

CREATE TABLE management_items (
    id          serial PRIMARY KEY,
    edition_id  int NOT NULL REFERENCES catalogue_editions(id),
    kind        text NOT NULL CHECK (kind IN ('principle', 'essential')),
    code        text NOT NULL,                -- 'P1'..'P3', 'E1'..'E10'
    section     text NOT NULL,                -- where the document states it: 'B.2 a)', 'B.3 b) 2)'
    group_title text NOT NULL DEFAULT '',     -- essentials: the B.3 heading they sit under
    title       text NOT NULL,                -- the principle or essential as the document states it
    position    int NOT NULL,                 -- order within its kind
    UNIQUE (edition_id, code),
    UNIQUE (edition_id, kind, position),
    CHECK ((kind = 'principle' AND code ~ '^P[1-9][0-9]*$')
        OR (kind = 'essential' AND code ~ '^E[1-9][0-9]*$'))
);

CREATE TABLE management_mappings (
    item_id    int NOT NULL REFERENCES management_items(id),
    standard   text NOT NULL,                 -- 'ISO/IEC 27001:2013'
    clause     text NOT NULL DEFAULT '',      -- '5.1' ('' where a whole standard is cited)
    title      text NOT NULL DEFAULT '',      -- the standard's or clause's title as the table gives it
    position   int NOT NULL,
    PRIMARY KEY (item_id, position)
);
CREATE INDEX management_mappings_clause ON management_mappings (standard, clause);

GRANT SELECT ON management_items, management_mappings TO portal_app;

-- B.2 — Three principles of cybersecurity management; standards: Table B.1
INSERT INTO management_items (edition_id, kind, code, section, group_title, title, position)
SELECT e.id, 'principle', v.code, v.section, v.group_title, v.title, v.position
  FROM (VALUES
    ('P1', 1, 'B.2 a)', '',
     'Top management is required to drive cybersecurity measures considering possible risks that accompany wider utilization of IT.'),
    ('P2', 2, 'B.2 b)', '',
     'Comprehensive security measures are necessary throughout relevant parties including the company itself, its group companies, business partners in its supply chain and IT service suppliers.'),
    ('P3', 3, 'B.2 c)', '',
     'The company needs to have suitable communications with relevant parties, e.g. disclosure of security measures or reporting incident and response, regularly or as required.')
  ) AS v(code, position, section, group_title, title)
  JOIN catalogue_editions e ON e.code = 'ISO/IEC TR 27103:2018';

INSERT INTO management_mappings (item_id, standard, clause, title, position)
SELECT i.id, v.standard, v.clause, v.title, v.position
  FROM (VALUES
    ('P1', 1, 'ISO/IEC 27014', '', 'Information technology — Security techniques — Governance of information security'),
    ('P1', 2, 'ISO/IEC 27001', '', 'Information technology — Security techniques — Information security management systems — Requirements'),
    ('P2', 1, 'ISO/IEC 27036-1', '', 'Information technology — Security techniques — Information security for supplier relationships — Part 1: Overview and concepts'),
    -- P2: source prints "ISO/IEC27036-2" (space lost)
    ('P2', 2, 'ISO/IEC 27036-2', '', 'Information technology — Security techniques — Information security for supplier relationships — Part 2: Requirements'),
    ('P2', 3, 'ISO/IEC 27036-3', '', 'Information technology — Security techniques — Information security for supplier relationships — Part 3: Guidelines for information and communication technology supply chain security'),
    -- P3: source prints the title with hyphens for dashes ("Information technology-Security techniques-...")
    ('P3', 1, 'ISO/IEC 27014', '', 'Information technology — Security techniques — Governance of information security'),
    ('P3', 2, 'ISO/IEC 27002:2013', '6.1.3', 'Contact with authorities')
  ) AS v(code, position, standard, clause, title)
  JOIN management_items i ON i.code = v.code
  JOIN catalogue_editions e ON e.id = i.edition_id
 WHERE e.code = 'ISO/IEC TR 27103:2018';

-- B.3 — Ten essentials of cybersecurity management; standards: Table B.2
INSERT INTO management_items (edition_id, kind, code, section, group_title, title, position)
SELECT e.id, 'essential', v.code, v.section, v.group_title, v.title, v.position
  FROM (VALUES
    ('E1', 1, 'B.3 a) 1)', 'Demonstrate leadership and establish management roles.',
     'Ensure persons who have management roles are aware of cybersecurity risks and companywide measures are developed.'),
    ('E2', 2, 'B.3 a) 2)', 'Demonstrate leadership and establish management roles.',
     'Build an internal organization and processes for cybersecurity risk management.'),
    ('E3', 3, 'B.3 b) 1)', 'Determine framework for cybersecurity risk management.',
     'Determine goals and develop plans to achieve them based on knowledge of risks and target levels of security.'),
    ('E4', 4, 'B.3 b) 2)', 'Determine framework for cybersecurity risk management.',
     'Establish a cybersecurity measures framework (PDCA) and disclose it to relevant parties.'),
    ('E5', 5, 'B.3 b) 3)', 'Determine framework for cybersecurity risk management.',
     'Ensure implementation and monitor operation of security measures in group companies and business partners of the company''s supply chain.'),
    ('E6', 6, 'B.3 c) 1)', 'Develop proactive measures to prevent cyber-attacks.',
     'Ensure resources (budget, manpower, etc.) are available for cybersecurity.'),
    ('E7', 7, 'B.3 c) 2)', 'Develop proactive measures to prevent cyber-attacks.',
     'Determine appropriate scope of IT service outsourcing and ensure implementation of cybersecurity measures by the suppliers.'),
    ('E8', 8, 'B.3 c) 3)', 'Develop proactive measures to prevent cyber-attacks.',
     'Participate in information sharing activities and establish roles in the company for monitoring and responding to attacks and other malicious activities.'),
    -- REPAIR: B.3 d) 1) prints "action manual and CSIRT Computer Security Incident Response Team" (separator lost); the dash is restored as Table B.2 (9) prints it.
    ('E9', 9, 'B.3 d) 1)', 'Prepare for cyber-attacks.',
     'Develop emergency response system (emergency contacts, action manual and CSIRT - Computer Security Incident Response Team). Execute hands-on exercise regularly.'),
    ('E10', 10, 'B.3 d) 2)', 'Prepare for cyber-attacks.',
     'Prepare information and materials for post-incident activities: contact list, scope of information to be disclosed, and procedure and materials for top management communication.')
  ) AS v(code, position, section, group_title, title)
  JOIN catalogue_editions e ON e.code = 'ISO/IEC TR 27103:2018';

INSERT INTO management_mappings (item_id, standard, clause, title, position)
SELECT i.id, v.standard, v.clause, v.title, v.position
  FROM (VALUES
    ('E1', 1, 'ISO/IEC 27001:2013', '5.1', 'Leadership and commitment'),
    ('E1', 2, 'ISO/IEC 27001:2013', '5.2', 'Policy'),
    ('E2', 1, 'ISO/IEC 27001:2013', '5.3', 'Organizational roles, responsibilities and authorities'),
    ('E2', 2, 'ISO/IEC 27002:2013', '6.1.1', 'Information security roles and responsibilities'),
    ('E3', 1, 'ISO/IEC 27001:2013', '6.1', 'Actions to address risks and opportunities'),
    ('E3', 2, 'ISO/IEC 27001:2013', '6.2', 'Information security objectives and planning to achieve them'),
    ('E3', 3, 'ISO/IEC 27002:2013', '5.1.1', 'Policies for Information security'),
    ('E3', 4, 'ISO/IEC 27002:2013', '5.1.2', 'Review of the policies for information security'),
    ('E4', 1, 'ISO/IEC 27001:2013', '7.4', 'Communication'),
    ('E4', 2, 'ISO/IEC 27001:2013', '8.1', 'Operational Planning and control'),
    ('E4', 3, 'ISO/IEC 27001:2013', '8.2', 'Information security risk assessment'),
    ('E4', 4, 'ISO/IEC 27001:2013', '8.3', 'Information security risk treatment'),
    ('E4', 5, 'ISO/IEC 27001:2013', '9.1', 'Monitoring, measurement, analysis and evaluation'),
    ('E4', 6, 'ISO/IEC 27001:2013', '9.2', 'Internal audit'),
    ('E4', 7, 'ISO/IEC 27001:2013', '9.3', 'Management review'),
    ('E4', 8, 'ISO/IEC 27001:2013', '10.1', 'Nonconformity and corrective action'),
    ('E4', 9, 'ISO/IEC 27001:2013', '10.2', 'Continual improvement'),
    ('E4', 10, 'ISO/IEC 27002:2013', '17.1.1', 'Planning information security continuity'),
    ('E4', 11, 'ISO/IEC 27002:2013', '17.1.2', 'Implementing information security continuity'),
    ('E4', 12, 'ISO/IEC 27002:2013', '17.1.3', 'Verify, review and evaluate information security continuity'),
    ('E4', 13, 'ISO/IEC 27002:2013', '18.1.1', 'Identification of applicable legislation and contractual requirements'),
    ('E4', 14, 'ISO/IEC 27002:2013', '18.2.1', 'Independent review of information security'),
    ('E4', 15, 'ISO/IEC 27002:2013', '18.2.2', 'Compliance with security policies and standards'),
    ('E4', 16, 'ISO/IEC 27002:2013', '18.2.3', 'Technical compliance review'),
    ('E5', 1, 'ISO/IEC 27001:2013', '8.1', 'Operational Planning and control'),
    ('E6', 1, 'ISO/IEC 27001:2013', '7.1', 'Resources'),
    ('E6', 2, 'ISO/IEC 27001:2013', '7.2', 'Competence'),
    ('E7', 1, 'ISO/IEC 27002:2013', '6.1.3', 'Contact with authorities'),
    ('E7', 2, 'ISO/IEC 27002:2013', '6.1.4', 'Contact with special interest groups'),
    -- E8: source prints "6.1.3 :Contact with authorities"
    ('E8', 1, 'ISO/IEC 27002:2013', '6.1.3', 'Contact with authorities'),
    ('E8', 2, 'ISO/IEC 27002:2013', '6.1.4', 'Contact with special interest groups'),
    ('E9', 1, 'ISO/IEC 27002:2013', '16.1.1', 'Responsibilities and procedures'),
    ('E9', 2, 'ISO/IEC 27002:2013', '16.1.2', 'Reporting information security events'),
    ('E9', 3, 'ISO/IEC 27002:2013', '16.1.3', 'Reporting information security weaknesses'),
    ('E9', 4, 'ISO/IEC 27002:2013', '16.1.4', 'Assessment of and decision on information security events'),
    ('E9', 5, 'ISO/IEC 27002:2013', '16.1.5', 'Response to information security incidents'),
    ('E10', 1, 'ISO/IEC 27002:2013', '6.1.3', 'Contact with authorities'),
    ('E10', 2, 'ISO/IEC 27002:2013', '6.1.4', 'Contact with special interest groups')
  ) AS v(code, position, standard, clause, title)
  JOIN management_items i ON i.code = v.code
  JOIN catalogue_editions e ON e.id = i.edition_id
 WHERE e.code = 'ISO/IEC TR 27103:2018';

-- Check the load: 3 principles, 10 essentials, 45 mappings (Table B.1: 7, Table B.2: 38).
DO $$
DECLARE
    n_p int; n_e int; n_map int;
BEGIN
    SELECT count(*) FILTER (WHERE i.kind = 'principle'), count(*) FILTER (WHERE i.kind = 'essential'),
           (SELECT count(*) FROM management_mappings m JOIN management_items j ON j.id = m.item_id
             WHERE j.edition_id = e.id)
      INTO n_p, n_e, n_map
      FROM catalogue_editions e JOIN management_items i ON i.edition_id = e.id
     WHERE e.code = 'ISO/IEC TR 27103:2018'
     GROUP BY e.id;
    IF (n_p, n_e, n_map) IS DISTINCT FROM (3, 10, 45) THEN
        RAISE EXCEPTION 'TR 27103 Annex B load incomplete: % principles, % essentials, % mappings', n_p, n_e, n_map;
    END IF;
END
$$;
