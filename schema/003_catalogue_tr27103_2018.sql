-- ISO/IEC TR 27103:2018, Cybersecurity and ISO and IEC Standards, as a self-assessment
-- catalogue: the five functions (clause 6), their categories (Tables 1-5), every sub-category
-- of Annex A (Tables A.1-A.22) and its standards mapping, one row per cited clause.
-- Transcribed from the PDF extraction shared/seeds/000_7b347f0b97d6aafb.txt. Text is kept as
-- printed (words hyphenated at a line wrap are joined). Where the extraction damaged a cell it
-- is repaired and the repair is noted beside the row ("REPAIR: ..."); suspect readings that
-- are not plainly damaged are kept as printed and noted too.
--
-- Conventions:
--   * categories.refs: the References column of Tables 1-5, one table line per entry,
--     entries joined with '; '.
--   * mappings: a cell "ISO/IEC 27002:2013, 8.1.1, 8.1.2" gives one row per clause with
--     standard 'ISO/IEC 27002:2013'; "Clause 4" stays 'Clause 4'; a standard cited without a
--     clause (e.g. 'ISO/IEC 27033-2', 'ISO/IEC 27035 (all parts)') has clause ''.
--   * sub-category codes are '<category>-<n>', n counting the rows of the Annex A table.
--   * Category positions follow Tables 1-5. For Recover, Table 5 orders Recovery planning,
--     Communications, Improvements, while Annex A gives Improvements (A.21) before
--     Communications (A.22); the sub-category blocks below follow Annex A.
-- Runs as portal_owner after 002_catalogue.sql. Ids are resolved by code throughout.

INSERT INTO catalogue_editions (code, title)
VALUES ('ISO/IEC TR 27103:2018', 'Cybersecurity and ISO and IEC Standards');

-- Clause 6 — the five functions (descriptions: the opening sentences of 6.3 to 6.7)
INSERT INTO catalogue_functions (edition_id, code, name, description, position)
SELECT e.id, v.code, v.name, v.description, v.position
  FROM (VALUES
    ('ID', 'Identify', 1,  -- 6.3
     'The Identify function develops organizational understanding to manage cybersecurity risk to systems, assets, data and capabilities. The activities in the Identify function are important for effective use of the framework.'),
    ('PR', 'Protect', 2,  -- 6.4
     'The Protect function develops and implements appropriate safeguards to ensure delivery of resilient products and services. The Protect function also supports the ability to limit or contain the impact of a potential cybersecurity event.'),
    ('DE', 'Detect', 3,  -- 6.5
     'The Detect function identifies the occurrence of a cybersecurity event in a timely fashion.'),
    ('RS', 'Respond', 4,  -- 6.6
     'The Respond function develops and implements appropriate activities to take action regarding a detected cybersecurity event. The Respond function supports the ability to contain the impact of a potential cybersecurity event.'),
    ('RC', 'Recover', 5,  -- 6.7
     'The Recover function develops and implements appropriate activities to maintain plans for resilience and to restore any capabilities or services that were impaired due to a cybersecurity event.')
  ) AS v(code, name, position, description)
  JOIN catalogue_editions e ON e.code = 'ISO/IEC TR 27103:2018';

-- Table 1 — Identify categories
INSERT INTO catalogue_categories (function_id, code, name, description, refs, position)
SELECT f.id, v.code, v.name, v.description, v.refs, v.position
  FROM (VALUES
    ('ID.BE', 'Business environment', 1,
     'The organization''s objectives, stakeholders, and activities are understood and used to inform roles, responsibilities and risk management decisions. Comprehensive security measures are necessary covering the company itself, its group companies, business partners of its supply chain and IT system control outsourcing companies.',
     'ISO/IEC 27001:2013, Clause 4; ISO/IEC 27001: 2013, Clause 5; ISO/IEC 27036 (all parts); ISO/IEC 20243:2015, Clause 4; IEC 62443-2-1:2010, 4.2.1; ISO 31000:2009, 5.3'),
    ('ID.RA', 'Risk assessment', 2,
     'The organization understands the risks to the organization''s operations and assets. The management are required to drive cybersecurity risk measures considering any possible risk while in proceeding with the utilization of IT.',
     'ISO/IEC 27001:2013, Clause 6; ISO/IEC 27014; ISO/IEC 20243:2015, Clause 4; IEC 62443-2-1:2010, 4.2; ISO 31000; ISO/IEC 38505'),
    ('ID.RM', 'Risk management strategy', 3,
     'An organization''s approach, the management components and resources to be applied to the management of risk.',
     'ISO/IEC 27001:2013, 9.3; ISO/IEC 20243:2015, Clause 4; ISO 31000, Clause 4'),
    -- "ISO/IEC 38054" kept as printed (no such standard is known; ISO/IEC 38500 may be meant, but that is not plain enough to repair).
    ('ID.GV', 'Governance', 4,
     'To monitor and manage the organization''s regulatory, legal, environmental and operational requirements. This information is then used to inform the appropriate levels of management.',
     'ISO/IEC 27002:2013, Clause 5; ISO/IEC 27002:2013, Clause 6; ISO/IEC 38054; ISO/IEC 38505-1; ISO/IEC 20243:2015, Clause 4; IEC 62443-2-1:2010, 4.3.2.3'),
    ('ID.AM', 'Asset Management', 5,
     'Identification and management of the systems, data, devices, people and facilities in relation to the business.',
     'ISO/IEC 27002:2013; ISO/IEC 20243:2015, Clause 4; IEC 62443-2-1:2010, 4.2.3.4; ISO/IEC 27019:2017, Clause 7')
  ) AS v(code, name, position, description, refs)
  JOIN catalogue_functions f ON f.code = 'ID'
  JOIN catalogue_editions e ON e.id = f.edition_id
 WHERE e.code = 'ISO/IEC TR 27103:2018';

-- Table 2 — Protect categories
INSERT INTO catalogue_categories (function_id, code, name, description, refs, position)
SELECT f.id, v.code, v.name, v.description, v.refs, v.position
  FROM (VALUES
    ('PR.AC', 'Access control', 1,
     'Limiting access to facilities and assets to only authorized entities and associated activities. Included in access management is entity authentication',
     'ISO/IEC 27002:2013, Clause 9; ISO/IEC 29146; ISO/IEC 29115; IEC 62443-2-1:2010, 4.3.3.5'),
    ('PR.AT', 'Awareness and training', 2,
     'Ensuring users and stakeholders are aware of policies, procedures, and responsibilities relating to cybersecurity responsibilities.',
     'ISO/IEC 27002:2013, Clause 6, 7; ISO/IEC 20243:2015, Clause 4; IEC 62443-2-1:2010, 4.3.2.4.2'),
    ('PR.DS', 'Data security', 3,
     'Responsible for the confidentiality, integrity, and availability of data and information.',
     'ISO/IEC 27002:2013, Clause 8'),
    ('PR.IP', 'Information protection processes and procedures', 4,
     'Security policies, processes, and procedures are maintained and used to manage protection of information systems.',
     'ISO/IEC 27002:2013'),
    ('PR.MA', 'Maintenance', 5,
     'Processes and procedures for ongoing maintenance and modernization',
     'ISO/IEC 27002:2013, Clause 11; ISO/IEC 20243:2015, Clause 4; IEC 62443-2-1:2010, 4.3.3'),
    -- REPAIR: the source cell ends "IEC 62443-2-1:2010," with its clause missing; the dangling comma is dropped, no clause is invented.
    ('PR.PT', 'Protective technology', 6,
     'Technical security solutions (such as logging, removable media, least access principles, and network protection)',
     'ISO/IEC 27002: 2013; ISO/IEC 27033 series; IEC 62443-2-1:2010')
  ) AS v(code, name, position, description, refs)
  JOIN catalogue_functions f ON f.code = 'PR'
  JOIN catalogue_editions e ON e.id = f.edition_id
 WHERE e.code = 'ISO/IEC TR 27103:2018';

-- Table 3 — Detect categories
INSERT INTO catalogue_categories (function_id, code, name, description, refs, position)
SELECT f.id, v.code, v.name, v.description, v.refs, v.position
  FROM (VALUES
    ('DE.AE', 'Anomalies and events', 1,
     'Detection of anomalies and events and understanding of the impact of those events.',
     'ISO/IEC 27002:2013, Clause 16; ISO/IEC 27035 (all parts); IEC 62443-2-1:2010, 4.3.4.5'),
    ('DE.CM', 'Security continuous monitoring', 2,
     'Systems being monitored on a regular basis to validate the effectiveness of security measures in place.',
     'ISO/IEC 27002:2013, Clause 12'),
    ('DE.DP', 'Detection process', 3,
     'Processes and procedures to ensure timely awareness and communication of events.',
     'ISO/IEC 27002:2013, Clause 16; ISO/IEC 27035 (all parts); IEC 62443-2-1:2010, 4.3.4.5')
  ) AS v(code, name, position, description, refs)
  JOIN catalogue_functions f ON f.code = 'DE'
  JOIN catalogue_editions e ON e.id = f.edition_id
 WHERE e.code = 'ISO/IEC TR 27103:2018';

-- Table 4 — Respond categories
INSERT INTO catalogue_categories (function_id, code, name, description, refs, position)
SELECT f.id, v.code, v.name, v.description, v.refs, v.position
  FROM (VALUES
    -- REPAIR: the source cell survives only as "in a timely manner including ... responding to events."; its opening words were lost.
    -- Restated in clear words: the surviving words are kept and the lost subject is supplied from the category name (response processes and procedures).
    ('RS.RP', 'Response Planning', 1,
     'Response processes and procedures are carried out in a timely manner, including responding to events.',
     'ISO/IEC 27002:2013, Clause 16; ISO/IEC 27035 (all parts); IEC 62443-2-1:2010, 4.3.4.5'),
    ('RS.CO', 'Communications', 2,
     'Processes and procedures for communicating the timely information to relevant parties. Companies need to communicate appropriately with relevant parties by, for example, disclosing information on security measures or response on regular basis or in times of emergency.',
     'ISO/IEC 27002:2013, Clause 16; ISO/IEC 27035 (all parts); ISO/IEC 27014; IEC 62443-2-1:2010, 4.3.4.5'),
    -- REPAIR: the source cell survives only as "Review of detected events, in- ... of events."; its middle was lost.
    -- Restated in clear words: "in-" read as "including", the lost words supplied from the category name (analysis).
    ('RS.AN', 'Analysis', 3,
     'Review of detected events, including analysis of events.',
     'ISO/IEC 27002:2013, Clause 16; ISO/IEC 27035 (all parts); IEC 62443-2-1:2010, 4.3.4.5'),
    ('RS.MI', 'Mitigation', 4,
     'Activities that limit the expansion of the event, mitigate the event and stop the event.',
     'ISO/IEC 27002:2013, Clause 16; ISO/IEC 27035 (all parts); IEC 62443-2-1:2010, 4.3.4.5'),
    -- REPAIR: a stray fragment "constitution during an event" after the description is dropped.
    ('RS.IM', 'Improvements', 5,
     'Organization reviews the response plan and improves it based on lessons learned during an event.',
     'ISO/IEC 27002:2013, Clause 16; ISO/IEC 27035 (all parts); IEC 62443-2-1:2010, 4.3.4.5')
  ) AS v(code, name, position, description, refs)
  JOIN catalogue_functions f ON f.code = 'RS'
  JOIN catalogue_editions e ON e.id = f.edition_id
 WHERE e.code = 'ISO/IEC TR 27103:2018';

-- Table 5 — Recover categories
INSERT INTO catalogue_categories (function_id, code, name, description, refs, position)
SELECT f.id, v.code, v.name, v.description, v.refs, v.position
  FROM (VALUES
    ('RC.RP', 'Recovery planning', 1,
     'Plan for how to recover from an event and the next steps after an event.',
     'ISO/IEC 27002:2013, Clause 16; ISO/IEC 27035 (all parts); IEC 62443-2-1:2010, 4.4.3.4'),
    -- REPAIR: the source cell is truncated to "communicating the timely infor"; completed with the same wording as the
    -- Respond Communications row of Table 4 ("Processes and procedures for communicating the timely information to relevant parties.").
    ('RC.CO', 'Communications', 2,
     'Processes and procedures for communicating the timely information to relevant parties.',
     'ISO/IEC 27002:2013, Clause 16; ISO/IEC 27035 (all parts); IEC 62443-2-1:2010, 4.4.3.4'),
    ('RC.IM', 'Improvements', 3,
     'Organization takes the lessons learned during an event and feeds it back into the process and procedures.',
     'ISO/IEC 27002:2013, Clause 16; ISO/IEC 27035 (all parts); IEC 62443-2-1:2010, 4.4.3.4')
  ) AS v(code, name, position, description, refs)
  JOIN catalogue_functions f ON f.code = 'RC'
  JOIN catalogue_editions e ON e.id = f.edition_id
 WHERE e.code = 'ISO/IEC TR 27103:2018';

-- Table A.1 — Identify: Business Environment (ID.BE)
INSERT INTO catalogue_subcategories (category_id, code, outcome, position)
SELECT c.id, v.code, v.outcome, v.position
  FROM (VALUES
    ('ID.BE-1', 1, 'The organization''s role in the supply chain is identified and communicated'),
    ('ID.BE-2', 2, 'The organization''s place in critical infrastructure and its industry sector is identified and communicated'),
    ('ID.BE-3', 3, 'Priorities for organizational mission, objectives, and activities are established and communicated'),
    ('ID.BE-4', 4, 'Dependencies and critical functions for delivery of critical services are established'),
    ('ID.BE-5', 5, 'Resilience requirements to support delivery of critical services are established')
  ) AS v(code, position, outcome)
  JOIN catalogue_categories c ON c.code = 'ID.BE'
  JOIN catalogue_functions f ON f.id = c.function_id
  JOIN catalogue_editions e ON e.id = f.edition_id
 WHERE e.code = 'ISO/IEC TR 27103:2018';

INSERT INTO catalogue_mappings (subcategory_id, standard, clause, position)
SELECT s.id, v.standard, v.clause, v.position
  FROM (VALUES
    ('ID.BE-1', 1, 'ISO/IEC 27002:2013', '15.1.3'),
    ('ID.BE-1', 2, 'ISO/IEC 27002:2013', '15.2.1'),
    ('ID.BE-1', 3, 'ISO/IEC 27036-1', ''),
    ('ID.BE-1', 4, 'ISO/IEC 20243:2015', 'Clause 4'),
    -- ID.BE-2: source prints the clause as "4.1." — trailing full stop dropped
    ('ID.BE-2', 1, 'ISO/IEC 27001:2013', '4.1'),
    ('ID.BE-2', 2, 'IEC 62443-2-1:2010', '4.2.2'),
    ('ID.BE-3', 1, 'ISO/IEC 27002:2013', 'Clause 6'),
    ('ID.BE-3', 2, 'IEC 62443-2-1:2010', '4.2.2'),
    ('ID.BE-3', 3, 'IEC 62443-2-1:2010', '4.2.3.6'),
    ('ID.BE-4', 1, 'ISO/IEC 27002:2013', '11.2.2'),
    ('ID.BE-4', 2, 'IEC 62443-2-1:2010', '4.2.3.3'),
    ('ID.BE-4', 3, 'ISO/IEC 27019:2017', '9.2.2'),
    ('ID.BE-4', 4, 'ISO/IEC 27019:2017', '9.2.3'),
    ('ID.BE-4', 5, 'ISO/IEC 27019:2017', '10.11.1'),
    ('ID.BE-4', 6, 'ISO/IEC 20243:2015', 'Clause 4'),
    ('ID.BE-5', 1, 'ISO/IEC 27002:2013', '11.1.4'),
    ('ID.BE-5', 2, 'ISO/IEC 27002:2013', '17.1.1'),
    ('ID.BE-5', 3, 'ISO/IEC 27019:2017', '10.12.1')
  ) AS v(code, position, standard, clause)
  JOIN catalogue_subcategories s ON s.code = v.code
  JOIN catalogue_categories c ON c.id = s.category_id
  JOIN catalogue_functions f ON f.id = c.function_id
  JOIN catalogue_editions e ON e.id = f.edition_id
 WHERE e.code = 'ISO/IEC TR 27103:2018';

-- Table A.2 — Identify: Risk Assessment (ID.RA)
INSERT INTO catalogue_subcategories (category_id, code, outcome, position)
SELECT c.id, v.code, v.outcome, v.position
  FROM (VALUES
    ('ID.RA-1', 1, 'Asset vulnerabilities are identified and documented'),
    ('ID.RA-2', 2, 'Threat and vulnerability information is received from information sharing forums and sources'),
    ('ID.RA-3', 3, 'Internal and external threats are identified and documented'),
    ('ID.RA-4', 4, 'Potential business impacts and likelihoods are identified'),
    ('ID.RA-5', 5, 'Threats, vulnerabilities, likelihoods, and impacts are used to determine risk'),
    ('ID.RA-6', 6, 'Risk responses are identified and prioritized')
  ) AS v(code, position, outcome)
  JOIN catalogue_categories c ON c.code = 'ID.RA'
  JOIN catalogue_functions f ON f.id = c.function_id
  JOIN catalogue_editions e ON e.id = f.edition_id
 WHERE e.code = 'ISO/IEC TR 27103:2018';

INSERT INTO catalogue_mappings (subcategory_id, standard, clause, position)
SELECT s.id, v.standard, v.clause, v.position
  FROM (VALUES
    ('ID.RA-1', 1, 'ISO/IEC 27002:2013', '12.6.1'),
    ('ID.RA-1', 2, 'ISO/IEC 27002:2013', '18.2.3'),
    ('ID.RA-1', 3, 'ISO/IEC 30111', ''),
    ('ID.RA-1', 4, 'ISO/IEC 29147', ''),
    ('ID.RA-1', 5, 'IEC 62443-2-1:2010', '4.2.3'),
    ('ID.RA-1', 6, 'IEC 62443-2-1:2010', '4.2.3.7'),
    ('ID.RA-1', 7, 'IEC 62443-2-1:2010', '4.2.3.9'),
    ('ID.RA-1', 8, 'IEC 62443-2-1:2010', '4.2.3.12'),
    ('ID.RA-1', 9, 'ISO/IEC 27019:2017', '7.1.1'),
    ('ID.RA-1', 10, 'ISO/IEC 27019:2017', '7.1.2'),
    ('ID.RA-1', 11, 'ISO/IEC 20243:2015', 'Clause 4'),
    ('ID.RA-2', 1, 'ISO/IEC 27002:2013', '6.1.4'),
    ('ID.RA-2', 2, 'ISO/IEC 30111', ''),
    ('ID.RA-2', 3, 'IEC 62443-2-1:2010', '4.2.3'),
    ('ID.RA-2', 4, 'IEC 62443-2-1:2010', '4.2.3.9'),
    ('ID.RA-2', 5, 'IEC 62443-2-1:2010', '4.2.3.12'),
    ('ID.RA-2', 6, 'ISO/IEC 20243:2015', 'Clause 4'),
    ('ID.RA-3', 1, 'ISO/IEC 27001:2013', '6.1.2'),
    ('ID.RA-3', 2, 'IEC 62443-2-1:2010', '4.2.3'),
    ('ID.RA-3', 3, 'IEC 62443-2-1:2010', '4.2.3.9'),
    ('ID.RA-3', 4, 'IEC 62443-2-1:2010', '4.2.3.12'),
    ('ID.RA-3', 5, 'ISO/IEC 20243:2015', 'Clause 4'),
    ('ID.RA-4', 1, 'ISO/IEC 27001:2013', '6.1.2'),
    ('ID.RA-4', 2, 'IEC 62443-2-1:2010', '4.2.3'),
    ('ID.RA-4', 3, 'IEC 62443-2-1:2010', '4.2.3.9'),
    ('ID.RA-4', 4, 'IEC 62443-2-1:2010', '4.2.3.12'),
    ('ID.RA-5', 1, 'ISO/IEC 27002:2013', '12.6.1'),
    ('ID.RA-5', 2, 'ISO/IEC 20243:2015', 'Clause 4'),
    ('ID.RA-6', 1, 'ISO/IEC 27001:2013', '6.1.3')
  ) AS v(code, position, standard, clause)
  JOIN catalogue_subcategories s ON s.code = v.code
  JOIN catalogue_categories c ON c.id = s.category_id
  JOIN catalogue_functions f ON f.id = c.function_id
  JOIN catalogue_editions e ON e.id = f.edition_id
 WHERE e.code = 'ISO/IEC TR 27103:2018';

-- Table A.3 — Identify: Risk Management Strategy (ID.RM)
INSERT INTO catalogue_subcategories (category_id, code, outcome, position)
SELECT c.id, v.code, v.outcome, v.position
  FROM (VALUES
    ('ID.RM-1', 1, 'Risk management processes are established, managed, and agreed to by organizational stakeholders'),
    ('ID.RM-2', 2, 'Organizational risk tolerance is determined and clearly expressed'),
    ('ID.RM-3', 3, 'The organization''s determination of risk tolerance is informed by its role in critical infrastructure and sector specific risk analysis')
  ) AS v(code, position, outcome)
  JOIN catalogue_categories c ON c.code = 'ID.RM'
  JOIN catalogue_functions f ON f.id = c.function_id
  JOIN catalogue_editions e ON e.id = f.edition_id
 WHERE e.code = 'ISO/IEC TR 27103:2018';

INSERT INTO catalogue_mappings (subcategory_id, standard, clause, position)
SELECT s.id, v.standard, v.clause, v.position
  FROM (VALUES
    -- ID.RM-1: source prints "6.1.3, 8.3,9.3"
    ('ID.RM-1', 1, 'ISO/IEC 27001:2013', '6.1.3'),
    ('ID.RM-1', 2, 'ISO/IEC 27001:2013', '8.3'),
    ('ID.RM-1', 3, 'ISO/IEC 27001:2013', '9.3'),
    ('ID.RM-1', 4, 'IEC 62443-2-1:2010', '4.3.4.2'),
    ('ID.RM-1', 5, 'ISO/IEC 20243:2015', 'Clause 4'),
    ('ID.RM-2', 1, 'ISO/IEC 27001:2013', '6.1.3'),
    ('ID.RM-2', 2, 'ISO/IEC 27001:2013', '8.3'),
    ('ID.RM-2', 3, 'IEC 62443-2-1:2010', '4.3.2.6.5'),
    ('ID.RM-3', 1, 'ISO/IEC 27001:2013', '6.1.3'),
    ('ID.RM-3', 2, 'ISO/IEC 27001:2013', '8.3')
  ) AS v(code, position, standard, clause)
  JOIN catalogue_subcategories s ON s.code = v.code
  JOIN catalogue_categories c ON c.id = s.category_id
  JOIN catalogue_functions f ON f.id = c.function_id
  JOIN catalogue_editions e ON e.id = f.edition_id
 WHERE e.code = 'ISO/IEC TR 27103:2018';

-- Table A.4 — Identify: Governance (ID.GV)
INSERT INTO catalogue_subcategories (category_id, code, outcome, position)
SELECT c.id, v.code, v.outcome, v.position
  FROM (VALUES
    ('ID.GV-1', 1, 'Information security policy for the organization is established'),
    ('ID.GV-2', 2, 'Information security roles & responsibilities are coordinated and aligned with internal roles and external partners'),
    ('ID.GV-3', 3, 'Legal and regulatory requirements regarding cybersecurity, including privacy and civil liberties obligations, are understood and managed'),
    ('ID.GV-4', 4, 'Governance and risk management processes address cybersecurity risks')
  ) AS v(code, position, outcome)
  JOIN catalogue_categories c ON c.code = 'ID.GV'
  JOIN catalogue_functions f ON f.id = c.function_id
  JOIN catalogue_editions e ON e.id = f.edition_id
 WHERE e.code = 'ISO/IEC TR 27103:2018';

INSERT INTO catalogue_mappings (subcategory_id, standard, clause, position)
SELECT s.id, v.standard, v.clause, v.position
  FROM (VALUES
    ('ID.GV-1', 1, 'ISO/IEC 27002:2013', '5.1.1'),
    ('ID.GV-1', 2, 'IEC 62443-2-1:2010', '4.3.2.6'),
    ('ID.GV-2', 1, 'ISO/IEC 27002:2013', '6.1.1'),
    ('ID.GV-2', 2, 'ISO/IEC 27002:2013', '7.2.1'),
    ('ID.GV-2', 3, 'IEC 62443-2-1:2010', '4.3.2.3.3'),
    ('ID.GV-2', 4, 'ISO/IEC 20243:2015', 'Clause 4'),
    ('ID.GV-3', 1, 'ISO/IEC 27002:2013', '18.1'),
    ('ID.GV-3', 2, 'IEC 62443-2-1:2010', '4.4.3.7'),
    ('ID.GV-4', 1, 'ISO/IEC 27001:2013', 'Clause 6'),
    ('ID.GV-4', 2, 'IEC 62443-2-1:2010', '4.2.3'),
    ('ID.GV-4', 3, 'ISO/IEC 20243:2015', 'Clause 4')
  ) AS v(code, position, standard, clause)
  JOIN catalogue_subcategories s ON s.code = v.code
  JOIN catalogue_categories c ON c.id = s.category_id
  JOIN catalogue_functions f ON f.id = c.function_id
  JOIN catalogue_editions e ON e.id = f.edition_id
 WHERE e.code = 'ISO/IEC TR 27103:2018';

-- Table A.5 — Identify: Asset Management (ID.AM)
INSERT INTO catalogue_subcategories (category_id, code, outcome, position)
SELECT c.id, v.code, v.outcome, v.position
  FROM (VALUES
    ('ID.AM-1', 1, 'Physical devices and systems within the organization are inventoried'),
    ('ID.AM-2', 2, 'Software platforms and applications within the organization are inventoried'),
    ('ID.AM-3', 3, 'Organizational communication and data flows are mapped'),
    ('ID.AM-4', 4, 'External information systems are catalogued'),
    ('ID.AM-5', 5, 'Resources (e.g. hardware, devices, data, and software) are prioritized based on their classification, criticality, and business value')
  ) AS v(code, position, outcome)
  JOIN catalogue_categories c ON c.code = 'ID.AM'
  JOIN catalogue_functions f ON f.id = c.function_id
  JOIN catalogue_editions e ON e.id = f.edition_id
 WHERE e.code = 'ISO/IEC TR 27103:2018';

INSERT INTO catalogue_mappings (subcategory_id, standard, clause, position)
SELECT s.id, v.standard, v.clause, v.position
  FROM (VALUES
    ('ID.AM-1', 1, 'ISO/IEC 27002:2013', '8.1.1'),
    ('ID.AM-1', 2, 'ISO/IEC 27002:2013', '8.1.2'),
    ('ID.AM-1', 3, 'IEC 62443-2-1:2010', '4.2.3.4'),
    ('ID.AM-1', 4, 'ISO/IEC 27019:2017', '9.2.1'),
    ('ID.AM-2', 1, 'ISO/IEC 27002:2013', '8.1.1'),
    ('ID.AM-2', 2, 'ISO/IEC 27002:2013', '8.1.2'),
    ('ID.AM-2', 3, 'IEC 62443-2-1:2010', '4.2.3.4'),
    ('ID.AM-3', 1, 'ISO/IEC 27002:2013', '13.2.1'),
    ('ID.AM-3', 2, 'IEC 62443-2-1:2010', '4.2.3.4'),
    ('ID.AM-4', 1, 'ISO/IEC 27002:2013', '11.2.6'),
    ('ID.AM-4', 2, 'ISO/IEC 27002:2013', '8.2.1'),
    ('ID.AM-5', 1, 'ISO/IEC 27002:2013', '11.2.6'),
    ('ID.AM-5', 2, 'ISO/IEC 27002:2013', '8.2.1')
  ) AS v(code, position, standard, clause)
  JOIN catalogue_subcategories s ON s.code = v.code
  JOIN catalogue_categories c ON c.id = s.category_id
  JOIN catalogue_functions f ON f.id = c.function_id
  JOIN catalogue_editions e ON e.id = f.edition_id
 WHERE e.code = 'ISO/IEC TR 27103:2018';

-- Table A.6 — Protect: Access Control (PR.AC)
INSERT INTO catalogue_subcategories (category_id, code, outcome, position)
SELECT c.id, v.code, v.outcome, v.position
  FROM (VALUES
    ('PR.AC-1', 1, 'Identities and credentials are managed for authorized devices and users'),
    ('PR.AC-2', 2, 'Physical access and remote access is managed and protected'),
    -- REPAIR (wording): source reads "Manage access permissions use the least principle and separation of duties"; restated in clear words, same meaning
    ('PR.AC-3', 3, 'Access permissions are managed using the principle of least privilege and separation of duties'),
    ('PR.AC-4', 4, 'Network integrity is protected, including network segregation as appropriate')
  ) AS v(code, position, outcome)
  JOIN catalogue_categories c ON c.code = 'PR.AC'
  JOIN catalogue_functions f ON f.id = c.function_id
  JOIN catalogue_editions e ON e.id = f.edition_id
 WHERE e.code = 'ISO/IEC TR 27103:2018';

INSERT INTO catalogue_mappings (subcategory_id, standard, clause, position)
SELECT s.id, v.standard, v.clause, v.position
  FROM (VALUES
    ('PR.AC-1', 1, 'ISO/IEC 27002:2013', '9.2.1'),
    ('PR.AC-1', 2, 'ISO/IEC 27002:2013', '9.2.2'),
    ('PR.AC-1', 3, 'ISO/IEC 27002:2013', '9.2.4'),
    ('PR.AC-1', 4, 'ISO/IEC 27002:2013', '9.2.5'),
    ('PR.AC-1', 5, 'ISO/IEC 27002:2013', '9.2.6'),
    ('PR.AC-1', 6, 'ISO/IEC 27002:2013', '9.3.1'),
    ('PR.AC-1', 7, 'ISO/IEC 27002:2013', '9.4.2'),
    ('PR.AC-1', 8, 'ISO/IEC 27002:2013', '9.4.3'),
    ('PR.AC-1', 9, 'IEC 62443-2-1:2010', '4.3.3.5.1'),
    ('PR.AC-1', 10, 'ISO/IEC 27019:2017', '11.1.1'),
    ('PR.AC-1', 11, 'ISO/IEC 27019:2017', '11.3.1'),
    ('PR.AC-1', 12, 'ISO/IEC 27019:2017', '11.5.2'),
    ('PR.AC-2', 1, 'ISO/IEC 27002:2013', '11.1.1'),
    ('PR.AC-2', 2, 'ISO/IEC 27002:2013', '11.1.2'),
    ('PR.AC-2', 3, 'ISO/IEC 27002:2013', '6.2.2'),
    ('PR.AC-2', 4, 'ISO/IEC 27002:2013', '13.1.1'),
    ('PR.AC-2', 5, 'IEC 62443-2-1:2010', '4.3.3.3.2'),
    ('PR.AC-2', 6, 'IEC 62443-2-1:2010', '4.3.3.3.8'),
    ('PR.AC-2', 7, 'IEC 62443-2-1:2010', '4.3.3.6.6'),
    ('PR.AC-3', 1, 'ISO/IEC 27002:2013', '6.1.2'),
    ('PR.AC-3', 2, 'ISO/IEC 27002:2013', '9.1.2'),
    ('PR.AC-3', 3, 'ISO/IEC 27002:2013', '9.2.3'),
    ('PR.AC-3', 4, 'ISO/IEC 27002:2013', '9.4.1'),
    ('PR.AC-3', 5, 'ISO/IEC 27002:2013', '9.4.4'),
    ('PR.AC-3', 6, 'IEC 62443-2-1:2010', '4.3.3.7.3'),
    ('PR.AC-3', 7, 'ISO/IEC 27019:2017', '8.1.1'),
    ('PR.AC-4', 1, 'ISO/IEC 27002:2013', '13.1.1'),
    ('PR.AC-4', 2, 'ISO/IEC 27002:2013', '13.1.3'),
    ('PR.AC-4', 3, 'ISO/IEC 27033-2', ''),
    ('PR.AC-4', 4, 'ISO/IEC 27033-3', ''),
    ('PR.AC-4', 5, 'IEC 62443-2-1:2010', '4.3.3.4'),
    ('PR.AC-4', 6, 'ISO/IEC 27019:2017', '10.6.3'),
    ('PR.AC-4', 7, 'ISO/IEC 27019:2017', '11.4.5'),
    ('PR.AC-4', 8, 'ISO/IEC 27019:2017', '11.4.8')
  ) AS v(code, position, standard, clause)
  JOIN catalogue_subcategories s ON s.code = v.code
  JOIN catalogue_categories c ON c.id = s.category_id
  JOIN catalogue_functions f ON f.id = c.function_id
  JOIN catalogue_editions e ON e.id = f.edition_id
 WHERE e.code = 'ISO/IEC TR 27103:2018';

-- Table A.7 — Protect: Awareness and Training (PR.AT)
INSERT INTO catalogue_subcategories (category_id, code, outcome, position)
SELECT c.id, v.code, v.outcome, v.position
  FROM (VALUES
    ('PR.AT-1', 1, 'All users are informed and trained'),
    -- REPAIR: a stray fragment "anacistosa" at the end of the description is dropped
    ('PR.AT-2', 2, 'Roles and responsibilities of senior executives, privileged users, stakeholders, personnel (physical and information security) and third party stakeholders (e.g. suppliers, customers, partners) are understood')
  ) AS v(code, position, outcome)
  JOIN catalogue_categories c ON c.code = 'PR.AT'
  JOIN catalogue_functions f ON f.id = c.function_id
  JOIN catalogue_editions e ON e.id = f.edition_id
 WHERE e.code = 'ISO/IEC TR 27103:2018';

INSERT INTO catalogue_mappings (subcategory_id, standard, clause, position)
SELECT s.id, v.standard, v.clause, v.position
  FROM (VALUES
    -- PR.AT-1: REPAIR: the source cell splits the standard over two lines ("ISO/IEC 27002:2013, 7.2.2 IEC" / "62443-2-1:2010, 4.3.2.4.2");
    -- PR.AT-1: read as IEC 62443-2-1:2010, 4.3.2.4.2
    ('PR.AT-1', 1, 'ISO/IEC 27002:2013', '7.2.2'),
    ('PR.AT-1', 2, 'IEC 62443-2-1:2010', '4.3.2.4.2'),
    ('PR.AT-2', 1, 'ISO/IEC 27002:2013', '7.2.1'),
    ('PR.AT-2', 2, 'ISO/IEC 27002:2013', '7.2.2'),
    ('PR.AT-2', 3, 'ISO/IEC 27002:2013', '6.1.1'),
    ('PR.AT-2', 4, 'ISO/IEC 27002:2013', '8.2.1'),
    ('PR.AT-2', 5, 'ISO/IEC 20243:2015', 'Clause 4'),
    ('PR.AT-2', 6, 'IEC 62443-2-1:2010', '4.3.2.4.2'),
    ('PR.AT-2', 7, 'IEC 62443-2-1:2010', '4.3.2.4.3')
  ) AS v(code, position, standard, clause)
  JOIN catalogue_subcategories s ON s.code = v.code
  JOIN catalogue_categories c ON c.id = s.category_id
  JOIN catalogue_functions f ON f.id = c.function_id
  JOIN catalogue_editions e ON e.id = f.edition_id
 WHERE e.code = 'ISO/IEC TR 27103:2018';

-- Table A.8 — Protect: Data Security (PR.DS)
INSERT INTO catalogue_subcategories (category_id, code, outcome, position)
SELECT c.id, v.code, v.outcome, v.position
  FROM (VALUES
    ('PR.DS-1', 1, 'Data at rest is protected'),
    ('PR.DS-2', 2, 'Data-in-transit is protected'),
    ('PR.DS-3', 3, 'Assets are formally managed throughout removal, transfers and disposition'),
    ('PR.DS-4', 4, 'Appropriate capacity planning to ensure availability'),
    ('PR.DS-5', 5, 'Data leakage protection'),
    ('PR.DS-6', 6, 'Integrity checking mechanisms are used to verify software, firmware, and information integrity'),
    ('PR.DS-7', 7, 'The development and testing environment(s) are separate from the production environment')
  ) AS v(code, position, outcome)
  JOIN catalogue_categories c ON c.code = 'PR.DS'
  JOIN catalogue_functions f ON f.id = c.function_id
  JOIN catalogue_editions e ON e.id = f.edition_id
 WHERE e.code = 'ISO/IEC TR 27103:2018';

INSERT INTO catalogue_mappings (subcategory_id, standard, clause, position)
SELECT s.id, v.standard, v.clause, v.position
  FROM (VALUES
    ('PR.DS-1', 1, 'ISO/IEC 27002:2013', '8.2.3'),
    ('PR.DS-1', 2, 'ISO/IEC 27033-2', ''),
    ('PR.DS-1', 3, 'ISO/IEC 27040', ''),
    ('PR.DS-2', 1, 'ISO/IEC 27002:2013', '8.2.3'),
    ('PR.DS-2', 2, 'ISO/IEC 27002:2013', '13.1.1'),
    ('PR.DS-2', 3, 'ISO/IEC 27002:2013', '13.2.1'),
    ('PR.DS-2', 4, 'ISO/IEC 27002:2013', '13.2.3'),
    ('PR.DS-2', 5, 'ISO/IEC 27002:2013', '14.1.2'),
    ('PR.DS-2', 6, 'ISO/IEC 27002:2013', '14.1.3'),
    ('PR.DS-2', 7, 'ISO/IEC 27033-2', ''),
    ('PR.DS-2', 8, 'ISO/IEC 27033-5', ''),
    ('PR.DS-3', 1, 'ISO/IEC 27002:2013', '8.2.3'),
    ('PR.DS-3', 2, 'ISO/IEC 27002:2013', '8.3.1'),
    ('PR.DS-3', 3, 'ISO/IEC 27002:2013', '8.3.2'),
    ('PR.DS-3', 4, 'ISO/IEC 27002:2013', '8.3.3'),
    ('PR.DS-3', 5, 'ISO/IEC 27002:2013', '11.2.7'),
    ('PR.DS-3', 6, 'IEC 62443-2-1:2010', '4.3.3.3.9'),
    ('PR.DS-3', 7, 'IEC 62443-2-1:2010', '4.3.4.4.1'),
    ('PR.DS-4', 1, 'ISO/IEC 27002:2013', '12.1.3'),
    ('PR.DS-4', 2, 'ISO/IEC 27002:2013', '12.3.1'),
    ('PR.DS-4', 3, 'ISO/IEC 19086-1', ''),
    ('PR.DS-5', 1, 'ISO/IEC 27002:2013', '6.1.2'),
    ('PR.DS-5', 2, 'ISO/IEC 27002:2013', '7.1.1'),
    ('PR.DS-5', 3, 'ISO/IEC 27002:2013', '7.1.2'),
    ('PR.DS-5', 4, 'ISO/IEC 27002:2013', '7.3.1'),
    ('PR.DS-5', 5, 'ISO/IEC 27002:2013', '8.2.2'),
    ('PR.DS-5', 6, 'ISO/IEC 27002:2013', '8.2.3'),
    ('PR.DS-5', 7, 'ISO/IEC 27002:2013', '9.1.1'),
    ('PR.DS-5', 8, 'ISO/IEC 27002:2013', '9.1.2'),
    ('PR.DS-5', 9, 'ISO/IEC 27002:2013', '9.2.3'),
    ('PR.DS-5', 10, 'ISO/IEC 27002:2013', '9.4.1'),
    ('PR.DS-5', 11, 'ISO/IEC 27002:2013', '9.4.4'),
    ('PR.DS-5', 12, 'ISO/IEC 27002:2013', '9.4.5'),
    ('PR.DS-5', 13, 'ISO/IEC 27002:2013', '13.1.3'),
    ('PR.DS-5', 14, 'ISO/IEC 27002:2013', '13.2.1'),
    ('PR.DS-5', 15, 'ISO/IEC 27002:2013', '13.2.3'),
    ('PR.DS-5', 16, 'ISO/IEC 27002:2013', '13.2.4'),
    ('PR.DS-5', 17, 'ISO/IEC 27002:2013', '14.1.2'),
    ('PR.DS-5', 18, 'ISO/IEC 27002:2013', '14.1.3'),
    ('PR.DS-6', 1, 'ISO/IEC 27002:2013', '12.2.1'),
    ('PR.DS-6', 2, 'ISO/IEC 27002:2013', '12.5.1'),
    ('PR.DS-6', 3, 'ISO/IEC 27002:2013', '14.1.2'),
    ('PR.DS-6', 4, 'ISO/IEC 27002:2013', '14.1.3'),
    ('PR.DS-6', 5, 'ISO/IEC 20243:2015', 'Clause 4'),
    ('PR.DS-7', 1, 'ISO/IEC 27002:2013', '12.1.4'),
    ('PR.DS-7', 2, 'ISO/IEC 27019:2017', '10.1.4')
  ) AS v(code, position, standard, clause)
  JOIN catalogue_subcategories s ON s.code = v.code
  JOIN catalogue_categories c ON c.id = s.category_id
  JOIN catalogue_functions f ON f.id = c.function_id
  JOIN catalogue_editions e ON e.id = f.edition_id
 WHERE e.code = 'ISO/IEC TR 27103:2018';

-- Table A.9 — Protect: Information Protection Processes and procedures (PR.IP)
INSERT INTO catalogue_subcategories (category_id, code, outcome, position)
SELECT c.id, v.code, v.outcome, v.position
  FROM (VALUES
    ('PR.IP-1', 1, 'Baseline configurations of systems are created and maintained'),
    ('PR.IP-2', 2, 'A system development life cycle to manage systems is implemented'),
    ('PR.IP-3', 3, 'Change control process in place'),
    ('PR.IP-4', 4, 'Backups are conducted, maintained and tested'),
    ('PR.IP-5', 5, 'Physical operating environment meets policy and regulations for organizational assets'),
    ('PR.IP-6', 6, 'Data destruction follows appropriate policy'),
    ('PR.IP-7', 7, 'Protection processes are continuously improved'),
    ('PR.IP-8', 8, 'Communication of effectiveness of protection technologies is shared with appropriate parties'),
    ('PR.IP-9', 9, 'Response and recovery plans are in place, managed and tested'),
    ('PR.IP-10', 10, 'Vulnerability management')
  ) AS v(code, position, outcome)
  JOIN catalogue_categories c ON c.code = 'PR.IP'
  JOIN catalogue_functions f ON f.id = c.function_id
  JOIN catalogue_editions e ON e.id = f.edition_id
 WHERE e.code = 'ISO/IEC TR 27103:2018';

INSERT INTO catalogue_mappings (subcategory_id, standard, clause, position)
SELECT s.id, v.standard, v.clause, v.position
  FROM (VALUES
    ('PR.IP-1', 1, 'ISO/IEC 27002:2013', '12.1.2'),
    ('PR.IP-1', 2, 'ISO/IEC 27002:2013', '12.5.1'),
    ('PR.IP-1', 3, 'ISO/IEC 27002:2013', '12.6.2'),
    ('PR.IP-1', 4, 'ISO/IEC 27002:2013', '14.2.2'),
    ('PR.IP-1', 5, 'ISO/IEC 27002:2013', '14.2.3'),
    ('PR.IP-1', 6, 'ISO/IEC 27002:2013', '14.2.4'),
    ('PR.IP-1', 7, 'IEC 62443-2-1:2010', '4.3.4.3.2'),
    ('PR.IP-1', 8, 'IEC 62443-2-1:2010', '4.3.4.3.3'),
    ('PR.IP-1', 9, 'ISO/IEC 27019:2017', '12.1.1'),
    ('PR.IP-1', 10, 'ISO/IEC 20243:2015', 'Clause 4'),
    ('PR.IP-2', 1, 'ISO/IEC 27002:2013', '6.1.5'),
    ('PR.IP-2', 2, 'ISO/IEC 27002:2013', '14.1.1'),
    ('PR.IP-2', 3, 'ISO/IEC 27002:2013', '14.2.1'),
    ('PR.IP-2', 4, 'ISO/IEC 27002:2013', '14.2.5'),
    ('PR.IP-2', 5, 'ISO/IEC 27034 (all parts)', ''),
    ('PR.IP-2', 6, 'IEC 62443-2-1:2010', '4.3.4.3.3'),
    ('PR.IP-2', 7, 'ISO/IEC 20243:2015', 'Clause 4'),
    ('PR.IP-3', 1, 'ISO/IEC 27002:2013', '12.1.2'),
    ('PR.IP-3', 2, 'ISO/IEC 27002:2013', '12.5.1'),
    ('PR.IP-3', 3, 'IEC 62443-2-1:2010', '4.3.4.3.2'),
    ('PR.IP-3', 4, 'IEC 62443-2-1:2010', '4.3.4.3.3'),
    ('PR.IP-3', 5, 'ISO/IEC 20243:2015', 'Clause 4'),
    ('PR.IP-4', 1, 'ISO/IEC 27002:2013', '12.3.1'),
    ('PR.IP-4', 2, 'IEC 62443-2-1:2010', '4.3.4.3.9'),
    ('PR.IP-5', 1, 'ISO/IEC 27002:2013', '11.1.4'),
    ('PR.IP-5', 2, 'ISO/IEC 27002:2013', '11.2.1'),
    ('PR.IP-5', 3, 'ISO/IEC 27002:2013', '11.2.2'),
    ('PR.IP-5', 4, 'ISO/IEC 27002:2013', '11.2.3'),
    ('PR.IP-5', 5, 'IEC 62443-2-1:2010', '4.3.3.3.1'),
    ('PR.IP-5', 6, 'IEC 62443-2-1:2010', '4.3.3.3.2'),
    ('PR.IP-5', 7, 'IEC 62443-2-1:2010', '4.3.3.3.3'),
    ('PR.IP-5', 8, 'IEC 62443-2-1:2010', '4.3.3.3.5'),
    ('PR.IP-5', 9, 'IEC 62443-2-1:2010', '4.3.3.3.6'),
    ('PR.IP-5', 10, 'ISO/IEC 27019:2017', '9.1.1'),
    ('PR.IP-5', 11, 'ISO/IEC 27019:2017', '9.1.2'),
    ('PR.IP-5', 12, 'ISO/IEC 27019:2017', '9.2.3'),
    ('PR.IP-5', 13, 'ISO/IEC 27019:2017', '9.1.7'),
    ('PR.IP-5', 14, 'ISO/IEC 27019:2017', '9.1.8'),
    ('PR.IP-5', 15, 'ISO/IEC 27019:2017', '9.1.9'),
    -- PR.IP-6: source omits the comma after "ISO/IEC 27002:2013"
    ('PR.IP-6', 1, 'ISO/IEC 27002:2013', '8.2.3'),
    ('PR.IP-6', 2, 'ISO/IEC 27002:2013', '8.3.1'),
    ('PR.IP-6', 3, 'ISO/IEC 27002:2013', '8.3.2'),
    ('PR.IP-6', 4, 'ISO/IEC 27002:2013', '11.2.7'),
    ('PR.IP-6', 5, 'ISO/IEC 19086-1', ''),
    ('PR.IP-6', 6, 'IEC 62443-2-1:2010', '4.3.4.4.4'),
    -- PR.IP-7: source: "ISO/IEC 27001:2013, Clauses 9 and 10" — one row per clause
    ('PR.IP-7', 1, 'ISO/IEC 27001:2013', 'Clause 9'),
    ('PR.IP-7', 2, 'ISO/IEC 27001:2013', 'Clause 10'),
    ('PR.IP-7', 3, 'IEC 62443-2-1:2010', '4.4.3'),
    ('PR.IP-8', 1, 'ISO/IEC 27001:2013', '7.4'),
    ('PR.IP-8', 2, 'ISO/IEC 27002:2013', '16.1.6'),
    -- PR.IP-9: source omits the comma after "ISO/IEC 27019:2017"
    ('PR.IP-9', 1, 'ISO/IEC 27002:2013', '16.1.1'),
    ('PR.IP-9', 2, 'ISO/IEC 27002:2013', '17.1.1'),
    ('PR.IP-9', 3, 'ISO/IEC 27002:2013', '17.1.2'),
    ('PR.IP-9', 4, 'ISO/IEC 27031', ''),
    ('PR.IP-9', 5, 'ISO/IEC 27035-1', ''),
    ('PR.IP-9', 6, 'ISO/IEC 27035-2', ''),
    ('PR.IP-9', 7, 'IEC 62443-2-1:2010', '4.3.2.5.7'),
    ('PR.IP-9', 8, 'IEC 62443-2-1:2010', '4.3.4.5.11'),
    ('PR.IP-9', 9, 'ISO/IEC 27019:2017', '14.1.1'),
    ('PR.IP-10', 1, 'ISO/IEC 27002:2013', '12.6.1'),
    ('PR.IP-10', 2, 'ISO/IEC 27002:2013', '18.2.2'),
    ('PR.IP-10', 3, 'ISO/IEC 20243:2015', 'Clause 4'),
    ('PR.IP-10', 4, 'ISO/IEC 30111', '')
  ) AS v(code, position, standard, clause)
  JOIN catalogue_subcategories s ON s.code = v.code
  JOIN catalogue_categories c ON c.id = s.category_id
  JOIN catalogue_functions f ON f.id = c.function_id
  JOIN catalogue_editions e ON e.id = f.edition_id
 WHERE e.code = 'ISO/IEC TR 27103:2018';

-- Table A.10 — Protect: Maintenance (PR.MA)
INSERT INTO catalogue_subcategories (category_id, code, outcome, position)
SELECT c.id, v.code, v.outcome, v.position
  FROM (VALUES
    ('PR.MA-1', 1, 'Organizational assets are maintained and repaired following approved processes and tools'),
    ('PR.MA-2', 2, 'Remote maintenance is performed following approved processes and protected from unauthorized accesses.')
  ) AS v(code, position, outcome)
  JOIN catalogue_categories c ON c.code = 'PR.MA'
  JOIN catalogue_functions f ON f.id = c.function_id
  JOIN catalogue_editions e ON e.id = f.edition_id
 WHERE e.code = 'ISO/IEC TR 27103:2018';

INSERT INTO catalogue_mappings (subcategory_id, standard, clause, position)
SELECT s.id, v.standard, v.clause, v.position
  FROM (VALUES
    ('PR.MA-1', 1, 'ISO/IEC 27002:2013', '11.1.2'),
    ('PR.MA-1', 2, 'ISO/IEC 27002:2013', '11.2.4'),
    ('PR.MA-1', 3, 'ISO/IEC 20243:2015', 'Clause 4'),
    ('PR.MA-1', 4, 'IEC 62443-2-1:2010', '4.3.3.3.7'),
    -- PR.MA-2: source runs the first two standards together on one line; "4.4.4.6.8" kept as printed (4.3.3.6.8 may be meant, not plain enough to repair)
    ('PR.MA-2', 1, 'ISO/IEC 27002:2013', '11.2.4'),
    ('PR.MA-2', 2, 'ISO/IEC 27002:2013', '15.1.1'),
    ('PR.MA-2', 3, 'ISO/IEC 27002:2013', '15.2.1'),
    ('PR.MA-2', 4, 'IEC 62443-2-1:2010', '4.3.3.6.5'),
    ('PR.MA-2', 5, 'IEC 62443-2-1:2010', '4.3.3.6.6'),
    ('PR.MA-2', 6, 'IEC 62443-2-1:2010', '4.3.3.6.7'),
    ('PR.MA-2', 7, 'IEC 62443-2-1:2010', '4.4.4.6.8'),
    ('PR.MA-2', 8, 'ISO/IEC 20243:2015', 'Clause 4')
  ) AS v(code, position, standard, clause)
  JOIN catalogue_subcategories s ON s.code = v.code
  JOIN catalogue_categories c ON c.id = s.category_id
  JOIN catalogue_functions f ON f.id = c.function_id
  JOIN catalogue_editions e ON e.id = f.edition_id
 WHERE e.code = 'ISO/IEC TR 27103:2018';

-- Table A.11 — Protect: Protective Technology (PR.PT)
INSERT INTO catalogue_subcategories (category_id, code, outcome, position)
SELECT c.id, v.code, v.outcome, v.position
  FROM (VALUES
    ('PR.PT-1', 1, 'Audit/log records are determined, documented, implemented, and reviewed in accordance with policy'),
    ('PR.PT-2', 2, 'Removable media follows appropriate policy'),
    ('PR.PT-3', 3, 'Principle of least functionality is applied to access to systems and assets'),
    ('PR.PT-4', 4, 'Communications and control networks are protected')
  ) AS v(code, position, outcome)
  JOIN catalogue_categories c ON c.code = 'PR.PT'
  JOIN catalogue_functions f ON f.id = c.function_id
  JOIN catalogue_editions e ON e.id = f.edition_id
 WHERE e.code = 'ISO/IEC TR 27103:2018';

INSERT INTO catalogue_mappings (subcategory_id, standard, clause, position)
SELECT s.id, v.standard, v.clause, v.position
  FROM (VALUES
    ('PR.PT-1', 1, 'ISO/IEC 27002:2013', '12.4.1'),
    ('PR.PT-1', 2, 'ISO/IEC 27002:2013', '12.4.2'),
    ('PR.PT-1', 3, 'ISO/IEC 27002:2013', '12.4.3'),
    ('PR.PT-1', 4, 'ISO/IEC 27002:2013', '12.4.4'),
    ('PR.PT-1', 5, 'ISO/IEC 27002:2013', '12.7.1'),
    ('PR.PT-1', 6, 'IEC 62443-2-1:2010', '4.3.3.3.9'),
    ('PR.PT-1', 7, 'IEC 62443-2-1:2010', '4.3.3.5.8'),
    ('PR.PT-1', 8, 'IEC 62443-2-1:2010', '4.3.4.4.7'),
    ('PR.PT-1', 9, 'IEC 62443-2-1:2010', '4.4.2.1'),
    ('PR.PT-1', 10, 'IEC 62443-2-1:2010', '4.4.2.4'),
    ('PR.PT-1', 11, 'ISO/IEC 27019:2017', '10.10.1'),
    ('PR.PT-2', 1, 'ISO/IEC 27002:2013', '8.2.2'),
    ('PR.PT-2', 2, 'ISO/IEC 27002:2013', '8.3.1'),
    ('PR.PT-2', 3, 'ISO/IEC 27002:2013', '8.3.3'),
    ('PR.PT-2', 4, 'ISO/IEC 27040', ''),
    ('PR.PT-3', 1, 'ISO/IEC 27002:2013', '9.1.2'),
    ('PR.PT-3', 2, 'IEC 62443-2-1:2010', '4.3.3.5'),
    ('PR.PT-4', 1, 'ISO/IEC 27002:2013', '13.1.1'),
    ('PR.PT-4', 2, 'ISO/IEC 27002:2013', '13.2.1'),
    ('PR.PT-4', 3, 'ISO/IEC 27033-2', ''),
    ('PR.PT-4', 4, 'ISO/IEC 27019:2017', '10.6.3')
  ) AS v(code, position, standard, clause)
  JOIN catalogue_subcategories s ON s.code = v.code
  JOIN catalogue_categories c ON c.id = s.category_id
  JOIN catalogue_functions f ON f.id = c.function_id
  JOIN catalogue_editions e ON e.id = f.edition_id
 WHERE e.code = 'ISO/IEC TR 27103:2018';

-- Table A.12 — Detect: Anomalies and Events (DE.AE)
INSERT INTO catalogue_subcategories (category_id, code, outcome, position)
SELECT c.id, v.code, v.outcome, v.position
  FROM (VALUES
    ('DE.AE-1', 1, 'Baseline of network operations and data flows is established'),
    ('DE.AE-2', 2, 'Detected events are analysed to understand attack targets and methods'),
    ('DE.AE-3', 3, 'Event data is aggregated and correlated from multiple sources and sensors'),
    ('DE.AE-4', 4, 'Determination of impact of event'),
    ('DE.AE-5', 5, 'Alert thresholds are established')
  ) AS v(code, position, outcome)
  JOIN catalogue_categories c ON c.code = 'DE.AE'
  JOIN catalogue_functions f ON f.id = c.function_id
  JOIN catalogue_editions e ON e.id = f.edition_id
 WHERE e.code = 'ISO/IEC TR 27103:2018';

INSERT INTO catalogue_mappings (subcategory_id, standard, clause, position)
SELECT s.id, v.standard, v.clause, v.position
  FROM (VALUES
    ('DE.AE-1', 1, 'ISO/IEC 27033 (all parts)', ''),
    ('DE.AE-1', 2, 'IEC 62443-2-1:2010', '4.4.3.3'),
    ('DE.AE-2', 1, 'ISO/IEC 27002:2013', '16.1.1'),
    ('DE.AE-2', 2, 'ISO/IEC 27002:2013', '16.1.4'),
    ('DE.AE-2', 3, 'ISO/IEC 27035 (all parts)', ''),
    ('DE.AE-2', 4, 'IEC 62443-2-1:2010', '4.3.4.5.6'),
    ('DE.AE-2', 5, 'IEC 62443-2-1:2010', '4.3.4.5.7'),
    ('DE.AE-2', 6, 'IEC 62443-2-1:2010', '4.3.4.5.8'),
    ('DE.AE-3', 1, 'ISO/IEC 27035 (all parts)', ''),
    ('DE.AE-4', 1, 'ISO/IEC 27035 (all parts)', ''),
    -- DE.AE-5: REPAIR: source reads "ISO/IEC 2035 (all parts)"; the incident-management series ISO/IEC 27035 is meant
    ('DE.AE-5', 1, 'ISO/IEC 27035 (all parts)', ''),
    ('DE.AE-5', 2, 'IEC 62443-2-1:2010', '4.2.3.10')
  ) AS v(code, position, standard, clause)
  JOIN catalogue_subcategories s ON s.code = v.code
  JOIN catalogue_categories c ON c.id = s.category_id
  JOIN catalogue_functions f ON f.id = c.function_id
  JOIN catalogue_editions e ON e.id = f.edition_id
 WHERE e.code = 'ISO/IEC TR 27103:2018';

-- Table A.13 — Detect: Security Continuous Monitoring (DE.CM)
INSERT INTO catalogue_subcategories (category_id, code, outcome, position)
SELECT c.id, v.code, v.outcome, v.position
  FROM (VALUES
    ('DE.CM-1', 1, 'Monitoring network, physical environment, personnel, and service provider for potential events'),
    ('DE.CM-2', 2, 'Malicious code is detected'),
    ('DE.CM-3', 3, 'Unauthorized mobile code is detected'),
    ('DE.CM-4', 4, 'Monitoring for unauthorized personnel, connections, devices, and software is performed'),
    ('DE.CM-5', 5, 'External service provider activity is monitored to detect potential cybersecurity events'),
    ('DE.CM-6', 6, 'Vulnerability scans are performed')
  ) AS v(code, position, outcome)
  JOIN catalogue_categories c ON c.code = 'DE.CM'
  JOIN catalogue_functions f ON f.id = c.function_id
  JOIN catalogue_editions e ON e.id = f.edition_id
 WHERE e.code = 'ISO/IEC TR 27103:2018';

INSERT INTO catalogue_mappings (subcategory_id, standard, clause, position)
SELECT s.id, v.standard, v.clause, v.position
  FROM (VALUES
    ('DE.CM-1', 1, 'ISO/IEC 27002:2013', '12.4.1'),
    ('DE.CM-1', 2, 'ISO/IEC 27002:2013', '14.2.7'),
    ('DE.CM-1', 3, 'ISO/IEC 27002:2013', '15.2.1'),
    ('DE.CM-1', 4, 'IEC 62443-2-1:2010', '4.3.3.3.8'),
    ('DE.CM-1', 5, 'ISO/IEC 20243:2015', 'Clause 4'),
    ('DE.CM-2', 1, 'ISO/IEC 27002:2013', '12.2.1'),
    ('DE.CM-2', 2, 'IEC 62443-2-1:2010', '4.3.4.3.8'),
    ('DE.CM-2', 3, 'ISO/IEC 27019:2017', '10.4.1'),
    ('DE.CM-2', 4, 'ISO/IEC 20243:2015', 'Clause 4'),
    ('DE.CM-3', 1, 'ISO/IEC 27002:2013', '12.5.1'),
    ('DE.CM-4', 1, 'ISO/IEC 27002:2013', '12.4.1'),
    ('DE.CM-4', 2, 'ISO/IEC 27002:2013', '14.2.7'),
    ('DE.CM-4', 3, 'ISO/IEC 27002:2013', '15.2.1'),
    ('DE.CM-4', 4, 'IEC 62443-2-1:2010', '4.3.3.3.8'),
    ('DE.CM-4', 5, 'ISO/IEC 20243:2015', 'Clause 4'),
    ('DE.CM-5', 1, 'ISO/IEC 27036 (all parts)', ''),
    ('DE.CM-6', 1, 'ISO/IEC 27002:2013', '14.2.9')
  ) AS v(code, position, standard, clause)
  JOIN catalogue_subcategories s ON s.code = v.code
  JOIN catalogue_categories c ON c.id = s.category_id
  JOIN catalogue_functions f ON f.id = c.function_id
  JOIN catalogue_editions e ON e.id = f.edition_id
 WHERE e.code = 'ISO/IEC TR 27103:2018';

-- Table A.14 — Detect: Detection Processes (DE.DP)
INSERT INTO catalogue_subcategories (category_id, code, outcome, position)
SELECT c.id, v.code, v.outcome, v.position
  FROM (VALUES
    ('DE.DP-1', 1, 'Roles and responsibilities for detection are well defined to ensure accountability'),
    ('DE.DP-2', 2, 'Detection activities comply with all applicable requirements'),
    ('DE.DP-3', 3, 'Detection processes are tested'),
    ('DE.DP-4', 4, 'Event detection information is communicated to appropriate parties'),
    ('DE.DP-5', 5, 'Detection processes are continuously improved')
  ) AS v(code, position, outcome)
  JOIN catalogue_categories c ON c.code = 'DE.DP'
  JOIN catalogue_functions f ON f.id = c.function_id
  JOIN catalogue_editions e ON e.id = f.edition_id
 WHERE e.code = 'ISO/IEC TR 27103:2018';

INSERT INTO catalogue_mappings (subcategory_id, standard, clause, position)
SELECT s.id, v.standard, v.clause, v.position
  FROM (VALUES
    ('DE.DP-1', 1, 'ISO/IEC 27002:2013', '6.1.1'),
    ('DE.DP-1', 2, 'IEC 62443-2-1:2010', '4.4.3.1'),
    ('DE.DP-1', 3, 'ISO/IEC 27019:2017', '8.1.1'),
    ('DE.DP-2', 1, 'ISO/IEC 27002:2013', '18.1.4'),
    ('DE.DP-2', 2, 'IEC 62443-2-1:2010', '4.4.3.2'),
    ('DE.DP-3', 1, 'ISO/IEC 27002:2013', '14.2.8'),
    ('DE.DP-3', 2, 'IEC 62443-2-1:2010', '4.4.3.2'),
    ('DE.DP-4', 1, 'ISO/IEC 27002:2013', '16.1.2'),
    ('DE.DP-4', 2, 'ISO/IEC 27035 (all parts)', ''),
    ('DE.DP-4', 3, 'IEC 62443-2-1:2010', '4.3.4.5.9'),
    ('DE.DP-5', 1, 'ISO/IEC 27002:2013', '16.1.6'),
    ('DE.DP-5', 2, 'ISO/IEC 27035 (all parts)', ''),
    ('DE.DP-5', 3, 'IEC 62443-2-1:2010', '4.4.3.4')
  ) AS v(code, position, standard, clause)
  JOIN catalogue_subcategories s ON s.code = v.code
  JOIN catalogue_categories c ON c.id = s.category_id
  JOIN catalogue_functions f ON f.id = c.function_id
  JOIN catalogue_editions e ON e.id = f.edition_id
 WHERE e.code = 'ISO/IEC TR 27103:2018';

-- Table A.15 — Respond: Response Planning (RS.RP)
INSERT INTO catalogue_subcategories (category_id, code, outcome, position)
SELECT c.id, v.code, v.outcome, v.position
  FROM (VALUES
    ('RS.RP-1', 1, 'Response plan is executed during or after an event')
  ) AS v(code, position, outcome)
  JOIN catalogue_categories c ON c.code = 'RS.RP'
  JOIN catalogue_functions f ON f.id = c.function_id
  JOIN catalogue_editions e ON e.id = f.edition_id
 WHERE e.code = 'ISO/IEC TR 27103:2018';

INSERT INTO catalogue_mappings (subcategory_id, standard, clause, position)
SELECT s.id, v.standard, v.clause, v.position
  FROM (VALUES
    ('RS.RP-1', 1, 'ISO/IEC 27002:2013', '16.1.5'),
    ('RS.RP-1', 2, 'ISO/IEC 27035 (all parts)', ''),
    ('RS.RP-1', 3, 'IEC 62443-2-1:2010', '4.3.4.5.1')
  ) AS v(code, position, standard, clause)
  JOIN catalogue_subcategories s ON s.code = v.code
  JOIN catalogue_categories c ON c.id = s.category_id
  JOIN catalogue_functions f ON f.id = c.function_id
  JOIN catalogue_editions e ON e.id = f.edition_id
 WHERE e.code = 'ISO/IEC TR 27103:2018';

-- Table A.16 — Respond: Communications (RS.CO)
INSERT INTO catalogue_subcategories (category_id, code, outcome, position)
SELECT c.id, v.code, v.outcome, v.position
  FROM (VALUES
    ('RS.CO-1', 1, 'Personnel know their roles and order of operations when a response is needed'),
    ('RS.CO-2', 2, 'Events are reported consistent with established criteria'),
    ('RS.CO-3', 3, 'Information is shared consistent with response plans'),
    ('RS.CO-4', 4, 'Coordination with stakeholders occurs consistent with response plans'),
    ('RS.CO-5', 5, 'Voluntary information sharing occurs with external stakeholders to achieve broader cybersecurity situation awareness')
  ) AS v(code, position, outcome)
  JOIN catalogue_categories c ON c.code = 'RS.CO'
  JOIN catalogue_functions f ON f.id = c.function_id
  JOIN catalogue_editions e ON e.id = f.edition_id
 WHERE e.code = 'ISO/IEC TR 27103:2018';

INSERT INTO catalogue_mappings (subcategory_id, standard, clause, position)
SELECT s.id, v.standard, v.clause, v.position
  FROM (VALUES
    ('RS.CO-1', 1, 'ISO/IEC 27001:2013', '7.4'),
    ('RS.CO-1', 2, 'ISO/IEC 27002:2013', '6.1.1'),
    ('RS.CO-1', 3, 'ISO/IEC 27002:2013', '16.1.1'),
    ('RS.CO-1', 4, 'ISO/IEC 27035 (all parts)', ''),
    ('RS.CO-1', 5, 'IEC 62443-2-1:2010', '4.3.4.5.2'),
    ('RS.CO-1', 6, 'IEC 62443-2-1:2010', '4.3.4.5.3'),
    ('RS.CO-1', 7, 'IEC 62443-2-1:2010', '4.3.4.5.4'),
    ('RS.CO-1', 8, 'ISO/IEC 27019:2017', '6.1.6'),
    ('RS.CO-1', 9, 'ISO/IEC 27019:2017', '8.1.1'),
    ('RS.CO-2', 1, 'ISO/IEC 27001:2013', '7.4'),
    ('RS.CO-2', 2, 'ISO/IEC 27002:2013', '6.1.3'),
    ('RS.CO-2', 3, 'ISO/IEC 27002:2013', '16.1.2'),
    ('RS.CO-2', 4, 'ISO/IEC 27035 (all parts)', ''),
    ('RS.CO-2', 5, 'IEC 62443-2-1:2010', '4.3.4.5.5'),
    ('RS.CO-3', 1, 'ISO/IEC 27001:2013', '7.4'),
    ('RS.CO-3', 2, 'ISO/IEC 27002:2013', '16.1.2'),
    ('RS.CO-3', 3, 'ISO/IEC 27035 (all parts)', ''),
    ('RS.CO-3', 4, 'IEC 62443-2-1:2010', '4.3.4.5.2'),
    ('RS.CO-4', 1, 'ISO/IEC 27001:2013', '7.4'),
    ('RS.CO-4', 2, 'ISO/IEC 27002:2013', '6.1.4'),
    ('RS.CO-4', 3, 'ISO/IEC 27002:2013', '16.1.5'),
    ('RS.CO-4', 4, 'ISO/IEC 27033-2', ''),
    ('RS.CO-4', 5, 'ISO/IEC 27035 (all parts)', ''),
    ('RS.CO-4', 6, 'IEC 62443-2-1:2010', '4.3.4.5.5'),
    ('RS.CO-4', 7, 'ISO/IEC 27019:2017', '6.1.7'),
    ('RS.CO-5', 1, 'ISO/IEC 27001:2013', '7.4')
  ) AS v(code, position, standard, clause)
  JOIN catalogue_subcategories s ON s.code = v.code
  JOIN catalogue_categories c ON c.id = s.category_id
  JOIN catalogue_functions f ON f.id = c.function_id
  JOIN catalogue_editions e ON e.id = f.edition_id
 WHERE e.code = 'ISO/IEC TR 27103:2018';

-- Table A.17 — Respond: Analysis (RS.AN)
INSERT INTO catalogue_subcategories (category_id, code, outcome, position)
SELECT c.id, v.code, v.outcome, v.position
  FROM (VALUES
    ('RS.AN-1', 1, 'Notifications from detection systems are investigated'),
    ('RS.AN-2', 2, 'The impact of the incident is understood'),
    ('RS.AN-3', 3, 'Forensics are performed'),
    ('RS.AN-4', 4, 'Incidents are categorized consistent with response plans')
  ) AS v(code, position, outcome)
  JOIN catalogue_categories c ON c.code = 'RS.AN'
  JOIN catalogue_functions f ON f.id = c.function_id
  JOIN catalogue_editions e ON e.id = f.edition_id
 WHERE e.code = 'ISO/IEC TR 27103:2018';

INSERT INTO catalogue_mappings (subcategory_id, standard, clause, position)
SELECT s.id, v.standard, v.clause, v.position
  FROM (VALUES
    ('RS.AN-1', 1, 'ISO/IEC 27002:2013', '12.4.1'),
    ('RS.AN-1', 2, 'ISO/IEC 27002:2013', '12.4.3'),
    ('RS.AN-1', 3, 'ISO/IEC 27002:2013', '16.1.5'),
    ('RS.AN-1', 4, 'ISO/IEC 27039', ''),
    ('RS.AN-1', 5, 'IEC 62443-2-1:2010', '4.3.4.5.6'),
    ('RS.AN-1', 6, 'IEC 62443-2-1:2010', '4.3.4.5.7'),
    ('RS.AN-1', 7, 'IEC 62443-2-1:2010', '4.3.4.5.8'),
    ('RS.AN-2', 1, 'ISO/IEC 27002:2013', '16.1.6'),
    ('RS.AN-2', 2, 'ISO/IEC 27035-2', ''),
    ('RS.AN-2', 3, 'IEC 62443-2-1:2010', '4.3.4.5.6'),
    ('RS.AN-2', 4, 'IEC 62443-2-1:2010', '4.3.4.5.7'),
    ('RS.AN-2', 5, 'IEC 62443-2-1:2010', '4.3.4.5.8'),
    ('RS.AN-3', 1, 'ISO/IEC 27002:2013', '16.1.7'),
    ('RS.AN-4', 1, 'ISO/IEC 27002:2013', '16.1.4'),
    ('RS.AN-4', 2, 'IEC 62443-2-1:2010', '4.3.4.5.6')
  ) AS v(code, position, standard, clause)
  JOIN catalogue_subcategories s ON s.code = v.code
  JOIN catalogue_categories c ON c.id = s.category_id
  JOIN catalogue_functions f ON f.id = c.function_id
  JOIN catalogue_editions e ON e.id = f.edition_id
 WHERE e.code = 'ISO/IEC TR 27103:2018';

-- Table A.18 — Respond: Mitigation (RS.MI)
INSERT INTO catalogue_subcategories (category_id, code, outcome, position)
SELECT c.id, v.code, v.outcome, v.position
  FROM (VALUES
    ('RS.MI-1', 1, 'Incidents are contained and mitigated'),
    ('RS.MI-2', 2, 'Newly identified vulnerabilities are mitigated or documented as accepted')
  ) AS v(code, position, outcome)
  JOIN catalogue_categories c ON c.code = 'RS.MI'
  JOIN catalogue_functions f ON f.id = c.function_id
  JOIN catalogue_editions e ON e.id = f.edition_id
 WHERE e.code = 'ISO/IEC TR 27103:2018';

INSERT INTO catalogue_mappings (subcategory_id, standard, clause, position)
SELECT s.id, v.standard, v.clause, v.position
  FROM (VALUES
    ('RS.MI-1', 1, 'ISO/IEC 27002:2013', '12.2.1'),
    ('RS.MI-1', 2, 'ISO/IEC 27002:2013', '16.1.5'),
    ('RS.MI-1', 3, 'ISO/IEC 27035-1', ''),
    ('RS.MI-1', 4, 'ISO/IEC 27035-2', ''),
    ('RS.MI-1', 5, 'IEC 62443-2-1:2010', '4.3.4.5.6'),
    ('RS.MI-2', 1, 'ISO/IEC 27002:2013', '12.6.1'),
    ('RS.MI-2', 2, 'ISO/IEC 30111', '')
  ) AS v(code, position, standard, clause)
  JOIN catalogue_subcategories s ON s.code = v.code
  JOIN catalogue_categories c ON c.id = s.category_id
  JOIN catalogue_functions f ON f.id = c.function_id
  JOIN catalogue_editions e ON e.id = f.edition_id
 WHERE e.code = 'ISO/IEC TR 27103:2018';

-- Table A.19 — Respond: Improvements (RS.IM)
INSERT INTO catalogue_subcategories (category_id, code, outcome, position)
SELECT c.id, v.code, v.outcome, v.position
  FROM (VALUES
    ('RS.IM-1', 1, 'Response plans incorporate lessons learned'),
    ('RS.IM-2', 2, 'Response strategies are updated')
  ) AS v(code, position, outcome)
  JOIN catalogue_categories c ON c.code = 'RS.IM'
  JOIN catalogue_functions f ON f.id = c.function_id
  JOIN catalogue_editions e ON e.id = f.edition_id
 WHERE e.code = 'ISO/IEC TR 27103:2018';

INSERT INTO catalogue_mappings (subcategory_id, standard, clause, position)
SELECT s.id, v.standard, v.clause, v.position
  FROM (VALUES
    ('RS.IM-1', 1, 'ISO/IEC 27001:2013', 'Clause 10'),
    ('RS.IM-1', 2, 'ISO/IEC 27002:2013', '16.1.5'),
    ('RS.IM-1', 3, 'ISO/IEC 27002:2013', '16.1.6'),
    ('RS.IM-2', 1, 'ISO/IEC 27001:2013', 'Clause 10'),
    ('RS.IM-2', 2, 'ISO/IEC 27002:2013', '16.1.6')
  ) AS v(code, position, standard, clause)
  JOIN catalogue_subcategories s ON s.code = v.code
  JOIN catalogue_categories c ON c.id = s.category_id
  JOIN catalogue_functions f ON f.id = c.function_id
  JOIN catalogue_editions e ON e.id = f.edition_id
 WHERE e.code = 'ISO/IEC TR 27103:2018';

-- Table A.20 — Recover: Recovery Planning (RC.RP)
INSERT INTO catalogue_subcategories (category_id, code, outcome, position)
SELECT c.id, v.code, v.outcome, v.position
  FROM (VALUES
    ('RC.RP-1', 1, 'Recovery plan is executed during or after an event')
  ) AS v(code, position, outcome)
  JOIN catalogue_categories c ON c.code = 'RC.RP'
  JOIN catalogue_functions f ON f.id = c.function_id
  JOIN catalogue_editions e ON e.id = f.edition_id
 WHERE e.code = 'ISO/IEC TR 27103:2018';

INSERT INTO catalogue_mappings (subcategory_id, standard, clause, position)
SELECT s.id, v.standard, v.clause, v.position
  FROM (VALUES
    ('RC.RP-1', 1, 'ISO/IEC 27002:2013', '16.1.5'),
    ('RC.RP-1', 2, 'ISO/IEC 27031', '')
  ) AS v(code, position, standard, clause)
  JOIN catalogue_subcategories s ON s.code = v.code
  JOIN catalogue_categories c ON c.id = s.category_id
  JOIN catalogue_functions f ON f.id = c.function_id
  JOIN catalogue_editions e ON e.id = f.edition_id
 WHERE e.code = 'ISO/IEC TR 27103:2018';

-- Table A.21 — Recover: Improvements (RC.IM)
INSERT INTO catalogue_subcategories (category_id, code, outcome, position)
SELECT c.id, v.code, v.outcome, v.position
  FROM (VALUES
    ('RC.IM-1', 1, 'Recovery plans incorporate lessons learned'),
    ('RC.IM-2', 2, 'Recovery strategies are updated')
  ) AS v(code, position, outcome)
  JOIN catalogue_categories c ON c.code = 'RC.IM'
  JOIN catalogue_functions f ON f.id = c.function_id
  JOIN catalogue_editions e ON e.id = f.edition_id
 WHERE e.code = 'ISO/IEC TR 27103:2018';

INSERT INTO catalogue_mappings (subcategory_id, standard, clause, position)
SELECT s.id, v.standard, v.clause, v.position
  FROM (VALUES
    ('RC.IM-1', 1, 'ISO/IEC 27001:2013', 'Clause 10'),
    ('RC.IM-1', 2, 'ISO/IEC 27031', ''),
    ('RC.IM-1', 3, 'IEC 62443-2-1:2010', '4.4.3.4'),
    ('RC.IM-2', 1, 'ISO/IEC 27001:2013', 'Clause 10'),
    ('RC.IM-2', 2, 'ISO/IEC 27031', '')
  ) AS v(code, position, standard, clause)
  JOIN catalogue_subcategories s ON s.code = v.code
  JOIN catalogue_categories c ON c.id = s.category_id
  JOIN catalogue_functions f ON f.id = c.function_id
  JOIN catalogue_editions e ON e.id = f.edition_id
 WHERE e.code = 'ISO/IEC TR 27103:2018';

-- Table A.22 — Recover: Communications (RC.CO)
INSERT INTO catalogue_subcategories (category_id, code, outcome, position)
SELECT c.id, v.code, v.outcome, v.position
  FROM (VALUES
    ('RC.CO-1', 1, 'Public relations are managed'),
    ('RC.CO-2', 2, 'Reputation after an event is repaired'),
    ('RC.CO-3', 3, 'Recovery activities are communicated to internal stakeholders and executive and management teams')
  ) AS v(code, position, outcome)
  JOIN catalogue_categories c ON c.code = 'RC.CO'
  JOIN catalogue_functions f ON f.id = c.function_id
  JOIN catalogue_editions e ON e.id = f.edition_id
 WHERE e.code = 'ISO/IEC TR 27103:2018';

INSERT INTO catalogue_mappings (subcategory_id, standard, clause, position)
SELECT s.id, v.standard, v.clause, v.position
  FROM (VALUES
    ('RC.CO-1', 1, 'ISO/IEC 27001:2013', '7.4'),
    ('RC.CO-1', 2, 'ISO/IEC 27019:2017', '14.2.1'),
    ('RC.CO-2', 1, 'ISO/IEC 27001:2013', '7.4'),
    ('RC.CO-3', 1, 'ISO/IEC 27001:2013', '7.4')
  ) AS v(code, position, standard, clause)
  JOIN catalogue_subcategories s ON s.code = v.code
  JOIN catalogue_categories c ON c.id = s.category_id
  JOIN catalogue_functions f ON f.id = c.function_id
  JOIN catalogue_editions e ON e.id = f.edition_id
 WHERE e.code = 'ISO/IEC TR 27103:2018';

-- Check the load against the document: 5 functions, 22 categories, 88 sub-categories,
-- 375 mappings. A code mistyped above would drop rows silently; this makes it fail loudly.
DO $$
DECLARE
    n_fun int; n_cat int; n_sub int; n_map int;
BEGIN
    SELECT count(DISTINCT f.id), count(DISTINCT c.id), count(DISTINCT s.id), count(m.*)
      INTO n_fun, n_cat, n_sub, n_map
      FROM catalogue_editions e
      JOIN catalogue_functions f ON f.edition_id = e.id
      LEFT JOIN catalogue_categories c ON c.function_id = f.id
      LEFT JOIN catalogue_subcategories s ON s.category_id = c.id
      LEFT JOIN catalogue_mappings m ON m.subcategory_id = s.id
     WHERE e.code = 'ISO/IEC TR 27103:2018';
    IF (n_fun, n_cat, n_sub, n_map) IS DISTINCT FROM (5, 22, 88, 375) THEN
        RAISE EXCEPTION 'TR 27103 catalogue load incomplete: % functions, % categories, % sub-categories, % mappings',
            n_fun, n_cat, n_sub, n_map;
    END IF;
END
$$;
