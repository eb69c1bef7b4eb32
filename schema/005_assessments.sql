-- Self-assessment after ISO/IEC TR 27103 clause 5.4: questionnaires built from the
-- catalogue (plus questions of an organisation's own), campaigns that send a frozen
-- questionnaire to group companies and suppliers with a due date and may recur, the
-- assessments (one per respondent and campaign, or started by an organisation for
-- itself), their answers with full history, evidence files, the parent's review, targets,
-- category weights, and the improvement actions that follow.
--
-- Who sees what: members of the respondent organisation see their own assessment; the
-- campaign owner's administrators, reviewers and coordinators see the assessments of their
-- campaigns (answers only once submitted); the parent's overseers see submitted
-- assessments an organisation started for itself. Everything else is invisible.

CREATE TABLE questionnaires (
    id           bigserial PRIMARY KEY,
    owner_org_id bigint NOT NULL REFERENCES organisations(id),
    edition_id   int NOT NULL REFERENCES catalogue_editions(id),
    title        text NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
    version      int NOT NULL DEFAULT 1,
    based_on_id  bigint REFERENCES questionnaires(id),  -- the version this one revises
    frozen_at    timestamptz,                          -- first sent; items never change after
    created_by   bigint NOT NULL REFERENCES users(id),
    created_at   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX questionnaires_owner ON questionnaires (owner_org_id);

CREATE TABLE questionnaire_items (
    id                 bigserial PRIMARY KEY,
    questionnaire_id   bigint NOT NULL REFERENCES questionnaires(id),
    position           int NOT NULL,
    kind               text NOT NULL CHECK (kind IN ('subcategory', 'management', 'custom')),
    subcategory_id     int REFERENCES catalogue_subcategories(id),
    management_item_id int REFERENCES management_items(id),
    question           text CHECK (length(question) BETWEEN 1 AND 1000),
    answer_type        text NOT NULL DEFAULT 'maturity'
                       CHECK (answer_type IN ('maturity', 'text', 'yesno', 'choice', 'number')),
    choices            text[] NOT NULL DEFAULT '{}',
    default_target     int CHECK (default_target BETWEEN 0 AND 5),
    UNIQUE (questionnaire_id, position),
    CHECK ((kind = 'subcategory') = (subcategory_id IS NOT NULL)),
    CHECK ((kind = 'management') = (management_item_id IS NOT NULL)),
    CHECK ((kind = 'custom') = (question IS NOT NULL)),
    CHECK (kind = 'custom' OR answer_type = 'maturity'),
    CHECK (answer_type <> 'choice' OR cardinality(choices) >= 2)
);

CREATE TABLE campaigns (
    id               bigserial PRIMARY KEY,
    owner_org_id     bigint NOT NULL REFERENCES organisations(id),
    questionnaire_id bigint NOT NULL REFERENCES questionnaires(id),
    title            text NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
    due_date         date NOT NULL,
    recurrence       text NOT NULL DEFAULT 'none' CHECK (recurrence IN ('none', 'yearly')),
    cycle            int NOT NULL DEFAULT 1,
    previous_id      bigint REFERENCES campaigns(id),  -- the cycle before this one
    created_by       bigint NOT NULL REFERENCES users(id),
    created_at       timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX campaigns_owner ON campaigns (owner_org_id);

CREATE TABLE assessments (
    id               bigserial PRIMARY KEY,
    org_id           bigint NOT NULL REFERENCES organisations(id),  -- the respondent
    questionnaire_id bigint NOT NULL REFERENCES questionnaires(id),
    campaign_id      bigint REFERENCES campaigns(id),  -- NULL: started by the organisation
    status           text NOT NULL DEFAULT 'draft'
                     CHECK (status IN ('draft', 'submitted', 'returned', 'accepted')),
    created_by       bigint NOT NULL REFERENCES users(id),
    created_at       timestamptz NOT NULL DEFAULT now(),
    updated_at       timestamptz NOT NULL DEFAULT now(),
    submitted_by     bigint REFERENCES users(id),
    submitted_at     timestamptz,
    reviewed_by      bigint REFERENCES users(id),
    reviewed_at      timestamptz,
    UNIQUE (campaign_id, org_id)
);
CREATE INDEX assessments_org ON assessments (org_id, updated_at DESC);
CREATE INDEX assessments_campaign ON assessments (campaign_id);
-- At most one open self-started assessment per organisation and questionnaire.
CREATE UNIQUE INDEX assessments_one_open ON assessments (org_id, questionnaire_id)
    WHERE campaign_id IS NULL AND status IN ('draft', 'returned');

CREATE TABLE assessment_answers (
    assessment_id  bigint NOT NULL REFERENCES assessments(id),
    item_id        bigint NOT NULL REFERENCES questionnaire_items(id),
    level          int CHECK (level BETWEEN 0 AND 5),
    not_applicable boolean NOT NULL DEFAULT false,
    justification  text NOT NULL DEFAULT '' CHECK (length(justification) <= 4000),
    evidence_notes text NOT NULL DEFAULT '' CHECK (length(evidence_notes) <= 10000),
    value_text     text CHECK (length(value_text) <= 10000),  -- answers to own questions
    carried_over   boolean NOT NULL DEFAULT false,  -- from the previous cycle, unconfirmed
    version        int NOT NULL DEFAULT 1,          -- for detecting concurrent edits
    updated_by     bigint NOT NULL REFERENCES users(id),
    updated_at     timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (assessment_id, item_id),
    CHECK (NOT not_applicable OR (level IS NULL AND length(btrim(justification)) > 0))
);

-- Every version of every answer, written by trigger; never changed.
CREATE TABLE answer_history (
    id             bigserial PRIMARY KEY,
    assessment_id  bigint NOT NULL REFERENCES assessments(id),
    item_id        bigint NOT NULL REFERENCES questionnaire_items(id),
    version        int NOT NULL,
    level          int,
    not_applicable boolean NOT NULL,
    justification  text NOT NULL,
    evidence_notes text NOT NULL,
    value_text     text,
    carried_over   boolean NOT NULL,
    changed_by     bigint NOT NULL REFERENCES users(id),
    changed_at     timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX answer_history_item ON answer_history (assessment_id, item_id, version);

-- Items a reviewer returned, with the comment; resolved when the assessment is resubmitted.
CREATE TABLE returned_items (
    id            bigserial PRIMARY KEY,
    assessment_id bigint NOT NULL REFERENCES assessments(id),
    item_id       bigint NOT NULL REFERENCES questionnaire_items(id),
    comment       text NOT NULL CHECK (length(comment) BETWEEN 1 AND 4000),
    returned_by   bigint NOT NULL REFERENCES users(id),
    returned_at   timestamptz NOT NULL DEFAULT now(),
    resolved_at   timestamptz
);
CREATE INDEX returned_items_assessment ON returned_items (assessment_id);

-- Targets the campaign owner set for one assessment, overriding the item's default.
CREATE TABLE assessment_targets (
    assessment_id bigint NOT NULL REFERENCES assessments(id),
    item_id       bigint NOT NULL REFERENCES questionnaire_items(id),
    level         int NOT NULL CHECK (level BETWEEN 0 AND 5),
    set_by        bigint NOT NULL REFERENCES users(id),
    set_at        timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (assessment_id, item_id)
);

CREATE TABLE evidence_files (
    id            bigserial PRIMARY KEY,
    assessment_id bigint NOT NULL REFERENCES assessments(id),
    item_id       bigint NOT NULL REFERENCES questionnaire_items(id),
    file_name     text NOT NULL CHECK (length(file_name) BETWEEN 1 AND 255),
    content_type  text NOT NULL,
    size_bytes    int NOT NULL CHECK (size_bytes > 0),
    data          bytea NOT NULL,
    uploaded_by   bigint NOT NULL REFERENCES users(id),
    uploaded_at   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX evidence_files_item ON evidence_files (assessment_id, item_id);

-- How much each category counts in a parent's scores (1 unless set).
CREATE TABLE category_weights (
    owner_org_id bigint NOT NULL REFERENCES organisations(id),
    category_id  int NOT NULL REFERENCES catalogue_categories(id),
    weight       numeric(4, 2) NOT NULL CHECK (weight > 0 AND weight <= 10),
    PRIMARY KEY (owner_org_id, category_id)
);

-- Improvements an organisation plans from its prioritised gaps (and from lessons learned).
CREATE TABLE planned_actions (
    id            bigserial PRIMARY KEY,
    org_id        bigint NOT NULL REFERENCES organisations(id),
    assessment_id bigint REFERENCES assessments(id),
    item_id       bigint REFERENCES questionnaire_items(id),
    subcategory_id int REFERENCES catalogue_subcategories(id),
    title         text NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
    owner_name    text NOT NULL CHECK (length(owner_name) BETWEEN 1 AND 200),
    due_date      date NOT NULL,
    status        text NOT NULL DEFAULT 'planned' CHECK (status IN ('planned', 'in_progress', 'done')),
    created_by    bigint NOT NULL REFERENCES users(id),
    created_at    timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX planned_actions_org ON planned_actions (org_id, due_date);

-- Invitations for respondents without an account; only the token's hash is kept.
CREATE TABLE invitations (
    id          bigserial PRIMARY KEY,
    org_id      bigint NOT NULL REFERENCES organisations(id),
    campaign_id bigint REFERENCES campaigns(id),
    email       text NOT NULL CHECK (email = lower(email)),
    token_hash  bytea NOT NULL UNIQUE,
    expires_at  timestamptz NOT NULL,
    used_at     timestamptz,
    created_by  bigint NOT NULL REFERENCES users(id),
    created_at  timestamptz NOT NULL DEFAULT now()
);

-- ---------------------------------------------------------------------------------------
-- Tenant helpers. They read campaigns as the owner so that the policies below need not
-- refer to each other (which PostgreSQL would reject as infinite recursion).

-- Campaigns the user manages: owned by an organisation where they administer or review.
CREATE FUNCTION app.managed_campaigns() RETURNS SETOF bigint
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
    SELECT c.id FROM campaigns c JOIN memberships m ON m.org_id = c.owner_org_id
     WHERE m.user_id = app.current_user_id()
       AND m.role IN ('org_admin', 'reviewer', 'coordinator')
$$;

-- Assessment ids whose answers the user may edit now: their organisation's, open, and they
-- are its assessor or administrator.
CREATE FUNCTION app.editable_assessments() RETURNS SETOF bigint
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
    SELECT a.id FROM assessments a JOIN memberships m ON m.org_id = a.org_id
     WHERE m.user_id = app.current_user_id() AND m.role IN ('assessor', 'org_admin')
       AND a.status IN ('draft', 'returned')
$$;

-- The questionnaires and campaigns of the assessments the user takes part in, each part an
-- index lookup (the policies below would otherwise scan every assessment per statement).
CREATE FUNCTION app.respondent_assessments() RETURNS SETOF bigint
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
    SELECT a.id FROM assessments a WHERE a.org_id IN (SELECT app.member_orgs())
    UNION
    SELECT a.id FROM assessments a WHERE a.campaign_id IN (SELECT app.managed_campaigns())
$$;
CREATE FUNCTION app.visible_questionnaires() RETURNS SETOF bigint
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
    SELECT q.id FROM questionnaires q WHERE q.owner_org_id IN (SELECT app.member_orgs())
    UNION
    SELECT a.questionnaire_id FROM assessments a
     WHERE a.id IN (SELECT app.respondent_assessments())
    UNION
    SELECT a.questionnaire_id FROM assessments a
     WHERE a.campaign_id IS NULL AND a.status <> 'draft'
       AND a.org_id IN (SELECT app.overseen_orgs())
$$;
CREATE FUNCTION app.visible_campaigns() RETURNS SETOF bigint
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
    SELECT app.managed_campaigns()
    UNION
    SELECT c.id FROM campaigns c WHERE c.owner_org_id IN (SELECT app.member_orgs())
    UNION
    SELECT a.campaign_id FROM assessments a
     WHERE a.org_id IN (SELECT app.member_orgs()) AND a.campaign_id IS NOT NULL
$$;

-- Assessments whose answers the user may read: their organisation's, and the others'
-- once submitted (what the answer, history, evidence and totals policies check).
CREATE FUNCTION app.answer_readable_assessments() RETURNS SETOF bigint
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
    SELECT a.id FROM assessments a WHERE a.org_id IN (SELECT app.member_orgs())
    UNION
    SELECT a.id FROM assessments a
     WHERE a.campaign_id IN (SELECT app.managed_campaigns()) AND a.status <> 'draft'
    UNION
    SELECT a.id FROM assessments a
     WHERE a.campaign_id IS NULL AND a.status <> 'draft'
       AND a.org_id IN (SELECT app.overseen_orgs())
$$;

-- Assessment status changes that make sense; anything else is refused whoever tries it.
CREATE FUNCTION app.assessment_transition() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.status <> OLD.status AND NOT (
        (OLD.status IN ('draft', 'returned') AND NEW.status = 'submitted') OR
        (OLD.status = 'submitted' AND NEW.status IN ('returned', 'accepted'))) THEN
        RAISE EXCEPTION 'assessment % cannot go from % to %', OLD.id, OLD.status, NEW.status
            USING ERRCODE = '23514';
    END IF;
    RETURN NEW;
END $$;
CREATE TRIGGER assessments_transition BEFORE UPDATE ON assessments
    FOR EACH ROW EXECUTE FUNCTION app.assessment_transition();

CREATE FUNCTION app.answer_history_write() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
    INSERT INTO answer_history (assessment_id, item_id, version, level, not_applicable,
                                justification, evidence_notes, value_text, carried_over,
                                changed_by)
    VALUES (NEW.assessment_id, NEW.item_id, NEW.version, NEW.level, NEW.not_applicable,
            NEW.justification, NEW.evidence_notes, NEW.value_text, NEW.carried_over,
            NEW.updated_by);
    RETURN NEW;
END $$;
CREATE TRIGGER assessment_answers_history AFTER INSERT OR UPDATE ON assessment_answers
    FOR EACH ROW EXECUTE FUNCTION app.answer_history_write();

-- Items of a frozen questionnaire never change.
CREATE FUNCTION app.questionnaire_items_frozen() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF EXISTS (SELECT 1 FROM questionnaires
                WHERE id = coalesce(NEW.questionnaire_id, OLD.questionnaire_id)
                  AND frozen_at IS NOT NULL) THEN
        RAISE EXCEPTION 'questionnaire is frozen' USING ERRCODE = '23514';
    END IF;
    RETURN coalesce(NEW, OLD);
END $$;
CREATE TRIGGER questionnaire_items_frozen BEFORE INSERT OR UPDATE OR DELETE
    ON questionnaire_items FOR EACH ROW EXECUTE FUNCTION app.questionnaire_items_frozen();

-- ---------------------------------------------------------------------------------------
-- Row-level security.

ALTER TABLE questionnaires ENABLE ROW LEVEL SECURITY;
ALTER TABLE questionnaire_items ENABLE ROW LEVEL SECURITY;
ALTER TABLE campaigns ENABLE ROW LEVEL SECURITY;
ALTER TABLE assessments ENABLE ROW LEVEL SECURITY;
ALTER TABLE assessment_answers ENABLE ROW LEVEL SECURITY;
ALTER TABLE answer_history ENABLE ROW LEVEL SECURITY;
ALTER TABLE returned_items ENABLE ROW LEVEL SECURITY;
ALTER TABLE assessment_targets ENABLE ROW LEVEL SECURITY;
ALTER TABLE evidence_files ENABLE ROW LEVEL SECURITY;
ALTER TABLE category_weights ENABLE ROW LEVEL SECURITY;
ALTER TABLE planned_actions ENABLE ROW LEVEL SECURITY;
ALTER TABLE invitations ENABLE ROW LEVEL SECURITY;

CREATE POLICY assessments_read ON assessments FOR SELECT TO portal_app USING (
    org_id IN (SELECT app.member_orgs())
    OR campaign_id IN (SELECT app.managed_campaigns())
    OR (campaign_id IS NULL AND status <> 'draft' AND org_id IN (SELECT app.overseen_orgs())));
CREATE POLICY assessments_start ON assessments FOR INSERT TO portal_app WITH CHECK (
    created_by = app.current_user_id() AND status = 'draft' AND (
        (campaign_id IS NULL AND app.has_role(org_id, ARRAY['assessor', 'org_admin']))
        OR (campaign_id IN (SELECT app.managed_campaigns())
            AND org_id IN (SELECT app.overseen_orgs()))));
CREATE POLICY assessments_respond ON assessments FOR UPDATE TO portal_app
    USING (id IN (SELECT app.editable_assessments()))
    WITH CHECK (app.has_role(org_id, ARRAY['assessor', 'org_admin']));
CREATE POLICY assessments_review ON assessments FOR UPDATE TO portal_app
    USING (status = 'submitted' AND (campaign_id IN (SELECT app.managed_campaigns())
           OR (campaign_id IS NULL AND org_id IN (SELECT app.overseen_orgs()))))
    WITH CHECK (status IN ('returned', 'accepted'));

-- (the owner test comes first so that a row just inserted is visible to RETURNING)
CREATE POLICY questionnaires_read ON questionnaires FOR SELECT TO portal_app USING (
    owner_org_id IN (SELECT app.member_orgs()) OR id IN (SELECT app.visible_questionnaires()));
CREATE POLICY questionnaires_write ON questionnaires FOR ALL TO portal_app
    USING (app.has_role(owner_org_id, ARRAY['org_admin', 'reviewer', 'assessor']))
    WITH CHECK (app.has_role(owner_org_id, ARRAY['org_admin', 'reviewer', 'assessor']));
CREATE POLICY questionnaire_items_read ON questionnaire_items FOR SELECT TO portal_app USING (
    questionnaire_id IN (SELECT app.visible_questionnaires()));
CREATE POLICY questionnaire_items_write ON questionnaire_items FOR INSERT TO portal_app
    WITH CHECK (questionnaire_id IN (SELECT id FROM questionnaires q
        WHERE app.has_role(q.owner_org_id, ARRAY['org_admin', 'reviewer', 'assessor'])));

CREATE POLICY campaigns_read ON campaigns FOR SELECT TO portal_app USING (
    owner_org_id IN (SELECT app.member_orgs()) OR id IN (SELECT app.visible_campaigns()));
CREATE POLICY campaigns_write ON campaigns FOR INSERT TO portal_app WITH CHECK (
    app.has_role(owner_org_id, ARRAY['org_admin', 'reviewer']) AND created_by = app.current_user_id());

-- Answers: the respondent always; the reviewing side once submitted.
CREATE POLICY answers_read ON assessment_answers FOR SELECT TO portal_app USING (
    assessment_id IN (SELECT app.answer_readable_assessments()));
CREATE POLICY answers_write ON assessment_answers FOR ALL TO portal_app
    USING (assessment_id IN (SELECT app.editable_assessments()))
    WITH CHECK (assessment_id IN (SELECT app.editable_assessments())
                AND updated_by = app.current_user_id());
CREATE POLICY history_read ON answer_history FOR SELECT TO portal_app USING (
    assessment_id IN (SELECT app.answer_readable_assessments()));
CREATE POLICY evidence_read ON evidence_files FOR SELECT TO portal_app USING (
    assessment_id IN (SELECT app.answer_readable_assessments()));
CREATE POLICY evidence_write ON evidence_files FOR ALL TO portal_app
    USING (assessment_id IN (SELECT app.editable_assessments()))
    WITH CHECK (assessment_id IN (SELECT app.editable_assessments())
                AND uploaded_by = app.current_user_id());
CREATE POLICY returned_read ON returned_items FOR SELECT TO portal_app USING (
    assessment_id IN (SELECT id FROM assessments));
CREATE POLICY returned_write ON returned_items FOR INSERT TO portal_app WITH CHECK (
    returned_by = app.current_user_id() AND assessment_id IN (
        SELECT id FROM assessments WHERE campaign_id IN (SELECT app.managed_campaigns())
            OR (campaign_id IS NULL AND org_id IN (SELECT app.overseen_orgs()))));
CREATE POLICY returned_resolve ON returned_items FOR UPDATE TO portal_app
    USING (assessment_id IN (SELECT app.editable_assessments()));
CREATE POLICY targets_read ON assessment_targets FOR SELECT TO portal_app USING (
    assessment_id IN (SELECT id FROM assessments));
CREATE POLICY targets_write ON assessment_targets FOR ALL TO portal_app
    USING (assessment_id IN (SELECT id FROM assessments
                              WHERE campaign_id IN (SELECT app.managed_campaigns())))
    WITH CHECK (set_by = app.current_user_id() AND assessment_id IN (
        SELECT id FROM assessments WHERE campaign_id IN (SELECT app.managed_campaigns())));
CREATE POLICY weights_read ON category_weights FOR SELECT TO portal_app USING (
    owner_org_id IN (SELECT app.member_orgs())
    OR owner_org_id IN (SELECT parent_id FROM org_relations));
CREATE POLICY weights_write ON category_weights FOR ALL TO portal_app
    USING (app.has_role(owner_org_id, ARRAY['org_admin', 'reviewer']))
    WITH CHECK (app.has_role(owner_org_id, ARRAY['org_admin', 'reviewer']));
CREATE POLICY actions_read ON planned_actions FOR SELECT TO portal_app USING (
    org_id IN (SELECT app.member_orgs()) OR org_id IN (SELECT app.overseen_orgs()));
CREATE POLICY actions_write ON planned_actions FOR ALL TO portal_app
    USING (app.has_role(org_id, ARRAY['assessor', 'org_admin', 'coordinator',
                                      'incident_reporter']))
    WITH CHECK (app.has_role(org_id, ARRAY['assessor', 'org_admin', 'coordinator',
                                           'incident_reporter']));
CREATE POLICY invitations_write ON invitations FOR INSERT TO portal_app WITH CHECK (
    created_by = app.current_user_id() AND campaign_id IN (SELECT app.managed_campaigns()));
CREATE POLICY invitations_read ON invitations FOR SELECT TO portal_app USING (
    campaign_id IN (SELECT app.managed_campaigns()));

GRANT SELECT, INSERT, UPDATE ON questionnaires, campaigns, assessments TO portal_app;
GRANT SELECT, INSERT ON questionnaire_items TO portal_app;
GRANT SELECT, INSERT, UPDATE, DELETE ON assessment_answers, evidence_files,
    assessment_targets, category_weights, planned_actions TO portal_app;
GRANT SELECT ON answer_history TO portal_app;
GRANT SELECT, INSERT, UPDATE ON returned_items TO portal_app;
GRANT SELECT, INSERT ON invitations TO portal_app;
GRANT USAGE ON SEQUENCE questionnaires_id_seq, questionnaire_items_id_seq, campaigns_id_seq,
    assessments_id_seq, evidence_files_id_seq, planned_actions_id_seq, returned_items_id_seq,
    invitations_id_seq TO portal_app;

-- ---------------------------------------------------------------------------------------
-- Invitations are redeemed before the invitee has an account, so through these functions.

-- The open invitation of a token: organisation and e-mail, or no row.
CREATE FUNCTION app.invitation_lookup(p_token_hash bytea)
RETURNS TABLE (invitation_id bigint, org_name text, email text, has_account boolean)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
    SELECT i.id, o.name, i.email,
           EXISTS (SELECT 1 FROM users u WHERE u.email = i.email
                      AND u.password_hash IS NOT NULL)
      FROM invitations i JOIN organisations o ON o.id = i.org_id
     WHERE i.token_hash = p_token_hash AND i.used_at IS NULL AND i.expires_at > now()
$$;

-- Redeems the invitation once: creates the account (or sets the password of an account
-- that never had one), makes it an assessor of the organisation, and returns the user and
-- the assessment to open. No row when the token is unknown, used or expired.
CREATE FUNCTION app.invitation_accept(p_token_hash bytea, p_display_name text,
                                      p_password_hash text)
RETURNS TABLE (user_id bigint, assessment_id bigint)
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
#variable_conflict use_column
DECLARE
    inv invitations%ROWTYPE;
    uid bigint;
BEGIN
    SELECT * INTO inv FROM invitations
     WHERE token_hash = p_token_hash AND used_at IS NULL AND expires_at > now()
       FOR UPDATE;
    IF NOT FOUND THEN
        RETURN;
    END IF;
    UPDATE invitations SET used_at = now() WHERE id = inv.id;
    SELECT id INTO uid FROM users WHERE email = inv.email;
    IF uid IS NULL THEN
        INSERT INTO users (email, display_name, password_hash)
        VALUES (inv.email, p_display_name, p_password_hash) RETURNING id INTO uid;
    ELSE
        UPDATE users SET password_hash = p_password_hash WHERE id = uid AND password_hash IS NULL;
    END IF;
    INSERT INTO memberships (user_id, org_id, role) VALUES (uid, inv.org_id, 'assessor')
        ON CONFLICT DO NOTHING;
    INSERT INTO audit_log (user_id, org_id, action, entity, entity_id)
    VALUES (uid, inv.org_id, 'accept', 'invitation', inv.id);
    PERFORM set_config('app.user_id', uid::text, true);
    RETURN QUERY SELECT uid, (SELECT a.id FROM assessments a
                               WHERE a.campaign_id = inv.campaign_id AND a.org_id = inv.org_id);
END $$;

REVOKE ALL ON FUNCTION app.respondent_assessments(), app.visible_questionnaires(),
    app.visible_campaigns(), app.answer_readable_assessments() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION app.respondent_assessments(), app.visible_questionnaires(),
    app.visible_campaigns(), app.answer_readable_assessments() TO portal_app;
REVOKE ALL ON FUNCTION app.managed_campaigns(), app.editable_assessments(),
    app.invitation_lookup(bytea), app.invitation_accept(bytea, text, text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION app.managed_campaigns(), app.editable_assessments(),
    app.invitation_lookup(bytea), app.invitation_accept(bytea, text, text) TO portal_app;

-- The next cycle of a campaign: same questionnaire and respondents, due a year later,
-- each respondent's answers pre-filled from its previous accepted assessment and marked as
-- carried over. Runs as owner because the parent may not write its children's answers;
-- it checks that the caller manages the campaign. Returns the new campaign's id.
CREATE FUNCTION app.campaign_next_cycle(p_campaign bigint, p_user bigint) RETURNS bigint
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
    prev campaigns%ROWTYPE;
    next_id bigint;
BEGIN
    IF p_user <> app.current_user_id()
       OR p_campaign NOT IN (SELECT app.managed_campaigns()) THEN
        RAISE EXCEPTION 'not allowed' USING ERRCODE = '42501';
    END IF;
    SELECT * INTO prev FROM campaigns WHERE id = p_campaign;
    IF EXISTS (SELECT 1 FROM campaigns WHERE previous_id = p_campaign) THEN
        RAISE EXCEPTION 'campaign % has a next cycle already', p_campaign
            USING ERRCODE = '23505';
    END IF;
    INSERT INTO campaigns (owner_org_id, questionnaire_id, title, due_date, recurrence, cycle,
                           previous_id, created_by)
    VALUES (prev.owner_org_id, prev.questionnaire_id, prev.title,
            (prev.due_date + interval '1 year')::date, prev.recurrence, prev.cycle + 1,
            prev.id, p_user)
    RETURNING id INTO next_id;
    INSERT INTO assessments (org_id, questionnaire_id, campaign_id, created_by)
    SELECT org_id, questionnaire_id, next_id, p_user FROM assessments
     WHERE campaign_id = prev.id;
    INSERT INTO assessment_answers (assessment_id, item_id, level, not_applicable,
                                    justification, evidence_notes, value_text, carried_over,
                                    updated_by)
    SELECT n.id, x.item_id, x.level, x.not_applicable, x.justification, x.evidence_notes,
           x.value_text, true, p_user
      FROM assessments o
      JOIN assessments n ON n.org_id = o.org_id AND n.campaign_id = next_id
      JOIN assessment_answers x ON x.assessment_id = o.id
     WHERE o.campaign_id = prev.id AND o.status = 'accepted';
    INSERT INTO audit_log (user_id, org_id, action, entity, entity_id, detail)
    VALUES (p_user, prev.owner_org_id, 'next_cycle', 'campaign', next_id,
            json_build_object('previous', prev.id)::jsonb);
    RETURN next_id;
END $$;
REVOKE ALL ON FUNCTION app.campaign_next_cycle(bigint, bigint) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION app.campaign_next_cycle(bigint, bigint) TO portal_app;

-- How far an assessment is answered, for the campaign owner too (who may not read draft
-- answers): the number of answered items only, never their content.
CREATE FUNCTION app.assessment_answered(p_assessment bigint) RETURNS bigint
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
    SELECT count(*) FROM assessment_answers x JOIN assessments a ON a.id = x.assessment_id
     WHERE x.assessment_id = p_assessment
       AND (x.level IS NOT NULL OR x.not_applicable OR x.value_text <> '')
       AND (a.org_id IN (SELECT app.member_orgs())
            OR a.campaign_id IN (SELECT app.managed_campaigns())
            OR a.org_id IN (SELECT app.overseen_orgs()))
$$;
REVOKE ALL ON FUNCTION app.assessment_answered(bigint) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION app.assessment_answered(bigint) TO portal_app;

-- Whether a child organisation has someone to answer (an assessor or administrator), for
-- its parent, who may not read the child's memberships.
CREATE FUNCTION app.org_has_respondent(p_org bigint) RETURNS boolean
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
    SELECT EXISTS (SELECT 1 FROM memberships m JOIN users u ON u.id = m.user_id
                    WHERE m.org_id = p_org AND m.role IN ('assessor', 'org_admin')
                      AND u.password_hash IS NOT NULL AND NOT u.disabled)
       AND (p_org IN (SELECT app.overseen_orgs()) OR p_org IN (SELECT app.member_orgs()))
$$;
REVOKE ALL ON FUNCTION app.org_has_respondent(bigint) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION app.org_has_respondent(bigint) TO portal_app;
