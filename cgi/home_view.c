/* home_view.c - the view of the start page: turns the work home_load read (home.h) into
 * Work.* of the page's HDF. Per part: Work.<Part>.Shown when the user holds a role it is
 * for, Work.<Part>.Total and other counts, and Work.<Part>.Items.N.* (at most HOME_ROWS). */
#include "home.h"
#include "obligations.h"
#include "view.h"

#include <stdio.h>
#include <stdlib.h>
#include <time.h>

/* The count in column col of res's first row (0 when there is no row). */
static long count_of(PGresult *res, int col)
{
    return PQntuples(res) > 0 ? db_long(res, 0, col) : 0;
}

/* Work.<part>.Shown, .Total (total_col < 0: the number of rows) and .Items.N.* */
static void part_to_hdf(struct ctx *c, const char *part, PGresult *res, const char *const *names,
                        int n, int total_col)
{
    if (!res)
        return;
    char key[64];
    snprintf(key, sizeof key, "Work.%s.Shown", part);
    view_set(c->req->hdf, key, "1");
    snprintf(key, sizeof key, "Work.%s.Total", part);
    view_set_int(c->req->hdf, key, total_col < 0 ? PQntuples(res) : count_of(res, total_col));
    snprintf(key, sizeof key, "Work.%s.Items", part);
    portal_rows(c, key, res, names, n);
}

static void clocks_to_hdf(struct ctx *c, PGresult *res)
{
    static const char *const names[] = {
        [QC_ID] = "Id",
        [QC_REGIME] = "Regime",
        [QC_REPORT] = "Report",
        [QC_HAS_DUE] = "HasDue",
        [QC_DUE_EPOCH] = "DueEpoch",
        [QC_DUE_AT] = "DueAt",
        [QC_INCIDENT_ID] = "IncidentId",
        [QC_NUMBER] = "Number",
        [QC_TITLE] = "Title",
        [QC_ORG] = "Org",
    };
    part_to_hdf(c, "Clocks", res, names, QC_TOTAL, QC_TOTAL);
    view_set_int(c->req->hdf, "Work.Clocks.Overdue", count_of(res, QC_OVERDUE));
    long long now = (long long)time(NULL);
    for (int i = 0; i < PQntuples(res); i++) {
        char key[48];
        snprintf(key, sizeof key, "Work.Clocks.Items.%d", i);
        HDF *row;
        if (hdf_get_node(c->req->hdf, key, &row) != STATUS_OK)
            continue;
        obligation_clock_to_hdf(row, now, db_text(res, i, QC_HAS_DUE)[0] == 't',
                                strtoll(db_text(res, i, QC_DUE_EPOCH), NULL, 10), 0);
    }
}

void home_to_hdf(struct ctx *c, const struct home_work *w)
{
    static const char *const assess[] = {
        [HAC_ID] = "Id",         [HAC_ORG] = "Org",          [HAC_TITLE] = "Title",
        [HAC_STATUS] = "Status", [HAC_DUE_DATE] = "DueDate", [HAC_OVERDUE] = "Overdue",
        [HAC_TO_FIX] = "ToFix",
    };
    static const char *const review[] = {
        [HRC_ID] = "Id", [HRC_ORG] = "Org", [HRC_TITLE] = "Title", [HRC_SUBMITTED] = "Submitted"};
    static const char *const campaigns[] = {
        [HCC_ID] = "Id",
        [HCC_TITLE] = "Title",
        [HCC_DUE_DATE] = "DueDate",
        [HCC_OVERDUE] = "Overdue",
        [HCC_TARGETS] = "Targets",
        [HCC_ANSWERED] = "Answered",
        [HCC_SUBMITTED] = "Submitted",
        [HCC_ACCEPTED] = "Accepted",
    };
    static const char *const events[] = {[HEC_ID] = "Id",
                                         [HEC_NUMBER] = "Number",
                                         [HEC_ORG] = "Org",
                                         [HEC_WHAT] = "What",
                                         [HEC_REPORTED] = "Reported"};
    static const char *const failed[] = {[HFC_ID] = "Id",
                                         [HFC_INCIDENT_ID] = "IncidentId",
                                         [HFC_NUMBER] = "Number",
                                         [HFC_RECIPIENT] = "Recipient",
                                         [HFC_FAILED_AT] = "FailedAt"};
    static const char *const reports[] = {
        [HPC_KIND] = "Kind", [HPC_ID] = "Id",         [HPC_NUMBER] = "Number",
        [HPC_WHAT] = "What", [HPC_STATUS] = "Status", [HPC_AT] = "At",
    };
    view_set_int(c->req->hdf, "Work.CountCap", HOME_COUNT_CAP);
    part_to_hdf(c, "Assess", w->assess, assess, HAC_SHOWN, HAC_TOTAL);
    if (w->assess) {
        view_set_int(c->req->hdf, "Work.Assess.Overdue", count_of(w->assess, HAC_TOTAL_OVERDUE));
        view_set_int(c->req->hdf, "Work.Assess.Returned", count_of(w->assess, HAC_TOTAL_RETURNED));
    }
    part_to_hdf(c, "Review", w->review, review, HRC_SHOWN, HRC_TOTAL);
    part_to_hdf(c, "Campaigns", w->campaigns, campaigns, HCC_SHOWN, -1);
    part_to_hdf(c, "Events", w->events, events, HEC_SHOWN, HEC_TOTAL);
    if (w->clocks)
        clocks_to_hdf(c, w->clocks);
    part_to_hdf(c, "Failed", w->failed, failed, HFC_SHOWN, HFC_TOTAL);
    part_to_hdf(c, "Reports", w->reports, reports, HPC_SHOWN, HPC_TOTAL);
    static const char *const rapid[] = {
        [HRA_ID] = "Id",          [HRA_CVE] = "Cve", [HRA_TITLE] = "Title",
        [HRA_ASKER] = "Asker",    [HRA_ORG] = "Org", [HRA_DEADLINE] = "Deadline",
        [HRA_OVERDUE] = "Overdue"};
    part_to_hdf(c, "Rapid", w->rapid, rapid, HRA_SHOWN, HRA_TOTAL);
    if (w->roles & ROLES_REPORTERS)
        view_set(c->req->hdf, "Work.MayReport", "1");
}
