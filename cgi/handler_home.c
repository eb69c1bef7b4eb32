/* handler_home.c - the start page: what the signed-in user can do, by role. */
#include "portal.h"

int handle_home(struct ctx *c)
{
    portal_page(c, "home.cs", "home");
    return 200;
}
