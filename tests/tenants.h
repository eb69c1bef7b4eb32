/* tenants.h - a small world of organisations, built once per test program, in which
 * every kind of outsider the isolation tests know has someone to be an outsider to:
 *
 *   P  a parent; G and H its group companies (siblings); S a supplier of P and of Q;
 *   Q  another customer of S, which S did not choose for its incident;
 *   R  another parent, related to nobody here.
 *
 * P, G and S own one object of every kind (questionnaire, campaign, assessment, evidence,
 * improvement action (its title unmarked: overseers read it),
 * incident, event, vulnerability, obligation, delivery, advisory, advisory feed, MISP event, API
 * token); P asked G and S in a rapid advisory campaign, which both answered. Every text of them
 * that a page could show carries a marker "ISOLEAK-<tag>-<org letter>", except the parts of S's
 * incident that S chose to show P (its title and its actions), which carry
 * "ISOSHOWN-<tag>-S"; S withheld its description, assets and impact from P, and did not
 * choose Q at all. Each organisation has one member holding every role. */
#ifndef TENANTS_H
#define TENANTS_H

#include <libpq-fe.h>

enum tenant { TENANT_P, TENANT_G, TENANT_H, TENANT_S, TENANT_Q, TENANT_R, TENANT_COUNT };

struct tenants {
    char tag[16];
    char org_id[TENANT_COUNT][24];
    char user_id[TENANT_COUNT][24];
    char email[TENANT_COUNT][96];
    char leak_marker[TENANT_COUNT][48]; /* ISOLEAK-<tag>-<letter> */
    char shown_marker[48];              /* ISOSHOWN-<tag>-S */
};

extern const char tenants_password[];

/* Builds the world as the database owner; each call makes a new one. */
void tenants_build(PGconn *owner, struct tenants *t);

/* A session of who's member (holding every role), signed in with tenants_password. */
struct http;
struct http *tenants_signed_in(const struct tenants *t, enum tenant who);

/* The letter naming an organisation of the world in markers and messages. */
char tenant_letter(enum tenant who);

#endif
