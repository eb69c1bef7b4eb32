/* routes.c - every URL the portal answers, the handler behind it and who may call it. */
#include "portal.h"

const struct route portal_routes[] = {
    {{"GET", "/healthz"}, handle_health, ROLE_PUBLIC, 0},
    {{"GET", "/login"}, handle_login_form, ROLE_PUBLIC, 0},
    {{"POST", "/login"}, handle_login, ROLE_PUBLIC, 1},
    {{"POST", "/logout"}, handle_logout, ROLE_ANY_MEMBER, 0},
    {{"GET", "/"}, handle_home, ROLE_ANY_MEMBER, 0},
    {{"GET", "/assessments"}, handle_assessments, ROLE_ASSESSOR | ROLE_ORG_ADMIN | ROLE_REVIEWER, 0},
    {{"POST", "/assessments"}, handle_assessment_start, ROLE_ASSESSOR | ROLE_ORG_ADMIN, 0},
    {{"GET", "/assessments/:id"}, handle_assessment_show, ROLE_ASSESSOR | ROLE_ORG_ADMIN | ROLE_REVIEWER, 0},
    {{"POST", "/assessments/:id"}, handle_assessment_save, ROLE_ASSESSOR | ROLE_ORG_ADMIN, 0},
    {{"GET", "/incidents"}, handle_incidents, ROLE_ANY_MEMBER, 0},
    {{"GET", "/incidents/new"}, handle_incident_form, ROLE_INCIDENT_REPORTER | ROLE_COORDINATOR | ROLE_ORG_ADMIN, 0},
    {{"POST", "/incidents"}, handle_incident_create, ROLE_INCIDENT_REPORTER | ROLE_COORDINATOR | ROLE_ORG_ADMIN, 0},
    {{"GET", "/incidents/:id"}, handle_incident_show, ROLE_ANY_MEMBER, 0},
};

const size_t portal_route_count = sizeof portal_routes / sizeof portal_routes[0];
