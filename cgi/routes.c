/* routes.c - every URL the portal answers, the handler behind it and who may call it. */
#include "portal.h"

#define MANAGERS (ROLE_ORG_ADMIN | ROLE_REVIEWER)
#define OVERSEERS (ROLE_ORG_ADMIN | ROLE_REVIEWER | ROLE_COORDINATOR)

const struct route portal_routes[] = {
    {{"GET", "/healthz"}, handle_health, ROLE_PUBLIC, 0},
    {{"GET", "/catalogue"}, handle_catalogue, ROLE_ANY_MEMBER, 0},
    {{"GET", "/login"}, handle_login_form, ROLE_PUBLIC, 0},
    {{"POST", "/login"}, handle_login, ROLE_PUBLIC, 1},
    {{"POST", "/logout"}, handle_logout, ROLE_ANY_MEMBER, 0},
    {{"GET", "/"}, handle_home, ROLE_ANY_MEMBER, 0},
    {{"GET", "/assessments"}, handle_assessments, ROLE_ASSESSOR | OVERSEERS, 0},
    {{"POST", "/assessments"}, handle_assessment_start, ROLE_ASSESSOR | ROLE_ORG_ADMIN, 0},
    {{"GET", "/assessments/:id"}, handle_assessment_show, ROLE_ASSESSOR | OVERSEERS, 0},
    {{"POST", "/assessments/:id"}, handle_assessment_save, ROLE_ASSESSOR | ROLE_ORG_ADMIN, 0},
    {{"POST", "/assessments/:id/review"}, handle_assessment_review, OVERSEERS, 0},
    {{"POST", "/assessments/:id/targets"}, handle_assessment_targets, OVERSEERS, 0},
    {{"GET", "/evidence/:id"}, handle_evidence_download, ROLE_ANY_MEMBER, 0},
    {{"GET", "/campaigns"}, handle_campaigns, MANAGERS, 0},
    {{"POST", "/campaigns"}, handle_campaign_create, MANAGERS, 0},
    {{"GET", "/campaigns/new"}, handle_campaign_form, MANAGERS, 0},
    {{"GET", "/campaigns/:id"}, handle_campaign_show, OVERSEERS, 0},
    {{"POST", "/campaigns/:id/next"}, handle_campaign_next, MANAGERS, 0},
    {{"GET", "/questionnaires/new"}, handle_questionnaire_form, MANAGERS, 0},
    {{"POST", "/questionnaires"}, handle_questionnaire_create, MANAGERS, 0},
    {{"GET", "/invite"}, handle_invite_form, ROLE_PUBLIC, 0},
    {{"POST", "/invite"}, handle_invite_accept, ROLE_PUBLIC, 1},
    {{"GET", "/dashboard"}, handle_dashboard, OVERSEERS, 0},
    {{"GET", "/organisations/:id/scores"}, handle_org_scores, ROLE_ANY_MEMBER, 0},
    {{"POST", "/organisations/:id/actions"}, handle_action_create, ROLE_ANY_MEMBER, 0},
    {{"GET", "/incidents"}, handle_incidents, ROLE_ANY_MEMBER, 0},
    {{"GET", "/incidents/new"}, handle_incident_form, ROLE_INCIDENT_REPORTER | ROLE_COORDINATOR | ROLE_ORG_ADMIN, 0},
    {{"POST", "/incidents"}, handle_incident_create, ROLE_INCIDENT_REPORTER | ROLE_COORDINATOR | ROLE_ORG_ADMIN, 0},
    {{"GET", "/incidents/:id"}, handle_incident_show, ROLE_ANY_MEMBER, 0},
};

const size_t portal_route_count = sizeof portal_routes / sizeof portal_routes[0];
