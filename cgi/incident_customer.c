/* incident_customer.c - a supplier's incident as one of the customers it chose sees it.
 * Customers never read the base tables (row-level security keeps them out); everything
 * here comes from the customer_incidents view (schema/014), which holds the title and
 * classification and, of the rest, exactly the parts the supplier chose, and never an
 * incident marked TLP:AMBER+STRICT. The incident page falls back to this when the incident
 * is not the user's own. */
#include "incident_page.h"
#include "view.h"

#include <stdio.h>

/* Columns of customer_incidents as the page shows them, in the order of the SELECT. */
enum customer_incident_column {
    CI_ID,
    CI_NUMBER,
    CI_ORG,
    CI_TITLE,
    CI_CATEGORY,
    CI_CATEGORY_LABEL,
    CI_SEVERITY,
    CI_TLP,
    CI_STATUS,
    CI_NATURE,
    CI_IMPORTANCE,
    CI_IMPACT,
    CI_SEVERITY_DERIVED,
    CI_DETECTED,
    CI_REPORTED,
    CI_FIELDS,
    CI_DESCRIPTION,
    CI_HOW,
    CI_WHY,
    CI_ASSETS_INFORMATION,
    CI_ASSETS_HARDWARE,
    CI_ASSETS_SOFTWARE,
    CI_ASSETS_COMMUNICATIONS,
    CI_ASSETS_DOCUMENTATION,
    CI_IMPACT_C,
    CI_IMPACT_I,
    CI_IMPACT_A,
    CI_COST,
    CI_ACTIONS_TAKEN,
    CI_ACTIONS_PLANNED,
    CI_ACTIONS_OUTSTANDING,
    CI__MAX
};

/* The HDF names under Incident.*, by column. */
static const char *const ci_names[CI__MAX] = {"Id",
                                              "Number",
                                              "Org",
                                              "Title",
                                              "Category",
                                              "CategoryLabel",
                                              "Severity",
                                              "Tlp",
                                              "Status",
                                              "Nature",
                                              "Importance",
                                              "ImpactLevel",
                                              "SeverityDerived",
                                              "Detected",
                                              "Reported",
                                              "CustomerFields",
                                              "Description",
                                              "How",
                                              "Why",
                                              "AssetsInformation",
                                              "AssetsHardware",
                                              "AssetsSoftware",
                                              "AssetsCommunications",
                                              "AssetsDocumentation",
                                              "ImpactC",
                                              "ImpactI",
                                              "ImpactA",
                                              "EstimatedCost",
                                              "ActionsTaken",
                                              "ActionsPlanned",
                                              "ActionsOutstanding"};

int incident_customer_load(struct ctx *c, long id, PGresult **row)
{
    char iid[24];
    snprintf(iid, sizeof iid, "%ld", id);
    const char *p[] = {iid};
    /* a user in several of the supplier's customers sees what the first one was shown */
    if (db_exec(c->db, row,
                "SELECT id, number, org_name, title, category, category_label, severity, tlp, "
                "  status, nature, system_importance, impact, severity_derived, "
                "  to_char(detected_at AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI'), "
                "  to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI'), fields, "
                "  description, how_occurred, why_occurred, assets_information, "
                "  assets_hardware, assets_software, assets_communications, "
                "  assets_documentation, impact_confidentiality, impact_integrity, "
                "  impact_availability, coalesce(round(estimated_cost)::bigint::text, ''), "
                "  actions_taken, actions_planned, actions_outstanding "
                "FROM customer_incidents WHERE id = $1 ORDER BY customer_org_id LIMIT 1",
                1, p) != DB_OK)
        return 500;
    if (PQntuples(*row) != 1) {
        PQclear(*row);
        *row = NULL;
        return 404;
    }
    return 200;
}

void incident_customer_to_hdf(struct ctx *c, PGresult *row)
{
    HDF *node;
    if (hdf_get_node(c->req->hdf, "Incident", &node) == STATUS_OK) {
        for (int k = 0; k < CI__MAX; k++)
            view_set(node, ci_names[k], db_text(row, 0, k));
        portal_category_words(c, node, "Category", "CategoryLabel", NULL);
    }
    view_set_int(c->req->hdf, "Incident.CustomerView", 1);
    view_set_int(c->req->hdf, "Incident.MayManage", 0);
    view_set_int(c->req->hdf, "Incident.Forwardable", 0);
}
