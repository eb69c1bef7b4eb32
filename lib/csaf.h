/* csaf.h - what the portal reads from a CSAF 2.0 security advisory that has passed the
 * official schema (json_schema.h): the fields it stores beside the document (publisher,
 * tracking id and version, title, TLP, release date, CVEs) and the full names of the
 * products its vulnerabilities are about, from the product tree. Pure: jansson in,
 * structs and text out. */
#ifndef CSAF_H
#define CSAF_H

#include "json_schema.h"
#include "utf8.h"

#include <jansson.h>
#include <stddef.h>

#define CSAF_MAX_CVES 64

struct csaf_header {
    char publisher_namespace[UTF8_BUF(1000)];
    char publisher_name[UTF8_BUF(1000)];
    char tracking_id[UTF8_BUF(1000)];
    char version[UTF8_BUF(100)];
    char title[UTF8_BUF(1000)];
    char current_release_date[48]; /* as written, RFC 3339 */
    /* TLP 2.0 of the document: "clear" (CSAF's WHITE), "green", "amber", "red", or
     * "unmarked" when the document gives none */
    char tlp[16];
    size_t n_cves;
    char cves[CSAF_MAX_CVES][24]; /* the CVE ids of its vulnerabilities, in order, once */
};

/* Reads the header of a schema-valid advisory. Returns 0, or -1 when a field is missing
 * or too long to keep (the schema allows longer text than the portal stores). */
int csaf_header_read(json_t *doc, struct csaf_header *h);

/* The name the product tree gives product_id (a branch's product, a full product name or
 * a relationship's), NULL when the tree has no such product. The result points into doc. */
const char *csaf_product_name(json_t *doc, const char *product_id);

/* Loads the official CSAF 2.0 schema with the FIRST CVSS schemas it refers to from dir
 * (schema/formats: csaf-2.0/csaf_json_schema.json and csaf-2.0/cvss-v*.json). Returns the
 * set, or NULL with the reason in err. */
struct json_schema_set *csaf_schema_load(const char *dir, char *err, size_t err_len);

#endif
