/* csaf.c - reading a CSAF 2.0 advisory's header and product names; see csaf.h. */
#include "csaf.h"

#include <stdio.h>
#include <string.h>

/* Copies the string at the path of keys (NULL-terminated) under doc into out; returns 0,
 * or -1 when it is missing or does not fit. */
static int copy_at(json_t *doc, const char *const *keys, char *out, size_t cap)
{
    json_t *node = doc;
    for (; *keys && node; keys++)
        node = json_object_get(node, *keys);
    if (!json_is_string(node) || json_string_length(node) >= cap)
        return -1;
    snprintf(out, cap, "%s", json_string_value(node));
    return 0;
}

static void tlp_read(json_t *doc, char *tlp, size_t cap)
{
    static const char *const path[] = {"document", "distribution", "tlp", "label", NULL};
    char label[16] = "";
    snprintf(tlp, cap, "unmarked");
    if (copy_at(doc, path, label, sizeof label) != 0)
        return;
    static const struct {
        const char *csaf, *tlp2;
    } map[] = {{"WHITE", "clear"}, {"GREEN", "green"}, {"AMBER", "amber"}, {"RED", "red"}};
    for (size_t i = 0; i < sizeof map / sizeof map[0]; i++)
        if (strcmp(label, map[i].csaf) == 0)
            snprintf(tlp, cap, "%s", map[i].tlp2);
}

int csaf_header_read(json_t *doc, struct csaf_header *h)
{
    memset(h, 0, sizeof *h);
    static const char *const namespace[] = {"document", "publisher", "namespace", NULL};
    static const char *const name[] = {"document", "publisher", "name", NULL};
    static const char *const id[] = {"document", "tracking", "id", NULL};
    static const char *const version[] = {"document", "tracking", "version", NULL};
    static const char *const title[] = {"document", "title", NULL};
    static const char *const released[] = {"document", "tracking", "current_release_date", NULL};
    if (copy_at(doc, namespace, h->publisher_namespace, sizeof h->publisher_namespace) ||
        copy_at(doc, name, h->publisher_name, sizeof h->publisher_name) ||
        copy_at(doc, id, h->tracking_id, sizeof h->tracking_id) ||
        copy_at(doc, version, h->version, sizeof h->version) ||
        copy_at(doc, title, h->title, sizeof h->title) ||
        copy_at(doc, released, h->current_release_date, sizeof h->current_release_date))
        return -1;
    tlp_read(doc, h->tlp, sizeof h->tlp);
    size_t i;
    json_t *vuln;
    json_array_foreach(json_object_get(doc, "vulnerabilities"), i, vuln)
    {
        json_t *cve = json_object_get(vuln, "cve");
        if (!json_is_string(cve) || json_string_length(cve) >= sizeof h->cves[0])
            continue;
        int seen = 0;
        for (size_t k = 0; k < h->n_cves && !seen; k++)
            seen = strcmp(h->cves[k], json_string_value(cve)) == 0;
        if (!seen && h->n_cves < CSAF_MAX_CVES)
            snprintf(h->cves[h->n_cves++], sizeof h->cves[0], "%s", json_string_value(cve));
    }
    return 0;
}

/* The product's name in branch (and its sub-branches), or NULL. */
static const char *branch_find(json_t *branches, const char *product_id, int depth)
{
    size_t i;
    json_t *b;
    if (depth > 32)
        return NULL;
    json_array_foreach(branches, i, b)
    {
        json_t *product = json_object_get(b, "product");
        if (product && json_is_string(json_object_get(product, "product_id")) &&
            strcmp(json_string_value(json_object_get(product, "product_id")), product_id) == 0)
            return json_string_value(json_object_get(product, "name"));
        const char *found = branch_find(json_object_get(b, "branches"), product_id, depth + 1);
        if (found)
            return found;
    }
    return NULL;
}

const char *csaf_product_name(json_t *doc, const char *product_id)
{
    json_t *tree = json_object_get(doc, "product_tree");
    const char *name = branch_find(json_object_get(tree, "branches"), product_id, 0);
    if (name)
        return name;
    static const char *const lists[] = {"full_product_names", "relationships"};
    for (size_t l = 0; l < 2; l++) {
        size_t i;
        json_t *p;
        json_array_foreach(json_object_get(tree, lists[l]), i, p)
        {
            json_t *full = l == 0 ? p : json_object_get(p, "full_product_name");
            json_t *pid = json_object_get(full, "product_id");
            if (json_is_string(pid) && strcmp(json_string_value(pid), product_id) == 0)
                return json_string_value(json_object_get(full, "name"));
        }
    }
    return NULL;
}

struct json_schema_set *csaf_schema_load(const char *dir, char *err, size_t err_len)
{
    static const char *const versions[] = {"2.0", "3.0", "3.1"};
    char files[3][512], root[512];
    struct json_schema_ref refs[3];
    char uris[3][64];
    for (int i = 0; i < 3; i++) {
        snprintf(files[i], sizeof files[i], "%s/csaf-2.0/cvss-v%s.json", dir, versions[i]);
        snprintf(uris[i], sizeof uris[i], "https://www.first.org/cvss/cvss-v%s.json", versions[i]);
        refs[i] = (struct json_schema_ref){uris[i], files[i]};
    }
    snprintf(root, sizeof root, "%s/csaf-2.0/csaf_json_schema.json", dir);
    return json_schema_load(root, refs, 3, err, err_len);
}
