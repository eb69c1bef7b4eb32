/* handler_home.c - the start page: the signed-in user's work, per role and organisation
 * (home.h), above the links to every part of the site they may use. */
#include "home.h"

int handle_home(struct ctx *c)
{
    struct home_work w;
    int status = home_load(c, &w);
    if (status == 200) {
        home_to_hdf(c, &w);
        portal_page(c, "home.cs", "home");
    }
    home_free(&w);
    return status;
}
