/* categories.h - the incident categories organisations may use: those of the
 * classification scale in force for each (its parent's latest, its own, else the
 * default of ISO/IEC 27035-2 Annex C), for the forms that offer a category. */
#ifndef CATEGORIES_H
#define CATEGORIES_H

#include "portal.h"

#define CATEGORIES_MAX 64

struct categories {
    int n;
    const char *codes[CATEGORIES_MAX + 1]; /* NULL-terminated, for FIELD_CHOICE */
    PGresult *res;                         /* holds the strings */
};

/* Loads the categories in force for any of orgs (the union, in scale order) into out.
 * Returns 0, or -1 on a database error. */
int categories_load(struct ctx *c, const long *orgs, int n_orgs, struct categories *out);

/* Puts them on the page: Choices.Category.N = code, Categories.<code>.Label, .Meaning. */
void categories_to_hdf(struct ctx *c, const struct categories *cats);

/* Loads and puts on the page the categories in force for every organisation in which the
 * user holds one of roles (a form serving all of them). Returns 0 or -1. */
int categories_page_for_roles(struct ctx *c, unsigned roles);

void categories_free(struct categories *cats);

#endif
