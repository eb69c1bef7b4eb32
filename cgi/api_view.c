/* api_view.c - what the API shows, as JSON: rows a list handler's view put into the HDF,
 * renamed and typed member by member (so the API's names stay fixed when a page's change),
 * and one assessment with its items from the struct its loader filled. Reads nothing. */
#include "api.h"
#include "assessment.h"

#include <stdlib.h>
#include <string.h>

static json_t *api_value(const char *v, char type)
{
    if (type == 'i')
        return json_integer(strtoll(v, NULL, 10));
    if (type == 'b')
        return json_boolean(strcmp(v, "1") == 0 || strcmp(v, "t") == 0);
    return *v ? json_string(v) : json_null();
}

json_t *api_rows_json(HDF *hdf, const char *base, const struct api_member *members, size_t n)
{
    json_t *rows = json_array();
    for (HDF *row = hdf_get_child(hdf, base); row; row = hdf_obj_next(row)) {
        json_t *o = json_object();
        for (size_t k = 0; k < n; k++)
            json_object_set_new(o, members[k].json,
                                api_value(hdf_get_value(row, members[k].hdf, ""), members[k].type));
        json_array_append_new(rows, o);
    }
    return rows;
}

/* An item's member: name, column and type as api_value takes it. */
static const struct {
    const char *json;
    enum item_column col;
    char type;
} item_members[] = {
    {"id", IC_ID, 'i'},
    {"code", IC_CODE, 's'},
    {"text", IC_TEXT, 's'},
    {"type", IC_TYPE, 's'},
    {"category", IC_CATEGORY_CODE, 's'},
    {"level", IC_LEVEL, 's'},
    {"not_applicable", IC_NA, 'b'},
    {"justification", IC_JUSTIFICATION, 's'},
    {"notes", IC_NOTES, 's'},
    {"value", IC_VALUE, 's'},
    {"carried_over", IC_CARRIED, 'b'},
    {"version", IC_VERSION, 'i'},
    {"returned", IC_RETURNED, 'b'},
};

json_t *api_assessment_json(const struct assessment *a)
{
    json_t *items = json_array();
    for (int i = 0; i < a->n_items; i++) {
        json_t *o = json_object();
        for (size_t k = 0; k < sizeof item_members / sizeof item_members[0]; k++) {
            const char *v = db_text(a->items, i, (int)item_members[k].col);
            json_t *jv = api_value(v, item_members[k].type);
            if (item_members[k].col == IC_LEVEL && *v)
                jv = (json_decref(jv), json_integer(strtoll(v, NULL, 10)));
            json_object_set_new(o, item_members[k].json, jv);
        }
        json_object_set_new(o, "editable", json_boolean(assessment_item_editable(a, i)));
        json_array_append_new(items, o);
    }
    json_t *doc = json_pack("{s:I, s:I, s:s, s:s, s:s, s:b}", "id", (json_int_t)a->id, "org_id",
                            (json_int_t)a->org_id, "organisation", a->org_name, "title", a->title,
                            "status", a->status, "editable", a->editable);
    json_object_set_new(doc, "due_date", api_value(a->due_date, 's'));
    json_object_set_new(doc, "submitted_at", api_value(a->submitted_at, 's'));
    json_object_set_new(doc, "items", items);
    return doc;
}
