/* json_schema.h - checks a JSON document (jansson) against a published JSON Schema
 * (draft 2020-12 or draft-07), as the portal must before it stores a document it was sent:
 * CSAF 2.0 advisories with the FIRST CVSS schemas they refer to.
 *
 * Keywords checked: $ref (within a document, "#/$defs/..." or "#/definitions/...", and to
 * the other loaded documents by their absolute URI), type, enum, const, the number bounds
 * (minimum, maximum, exclusiveMinimum, exclusiveMaximum, multipleOf), minLength and
 * maxLength (in Unicode code points), pattern (ECMA-262, see ecma_regex.h), format
 * (date-time, date, uri, email), items, prefixItems, minItems, maxItems, uniqueItems,
 * contains, properties, patternProperties, additionalProperties, required, minProperties,
 * maxProperties, dependentRequired, allOf, anyOf, oneOf, not, if/then/else. Other keywords
 * are annotations and ignored. A schema whose patterns this cannot compile is refused at
 * load. */
#ifndef JSON_SCHEMA_H
#define JSON_SCHEMA_H

#include <jansson.h>
#include <stddef.h>

/* One way the document fails: where (a JSON Pointer into the document, "" for the root),
 * the keyword that failed and its parameter (the missing property, the expected type,
 * the bound, the pattern, ...; "" when the keyword says it all). */
struct json_schema_error {
    char path[192];
    char keyword[24];
    char param[128];
};

/* A document a schema refers to by absolute URI, read from file. */
struct json_schema_ref {
    const char *uri, *file;
};

struct json_schema_set;

/* Loads the schema in root_file and the documents it refers to. Returns the set, or NULL
 * with the reason in err (room for err_len bytes). */
struct json_schema_set *json_schema_load(const char *root_file, const struct json_schema_ref *refs,
                                         size_t n_refs, char *err, size_t err_len);
void json_schema_free(struct json_schema_set *set);

/* Checks doc against the set's root schema. Writes the first max failures to errors and
 * returns how many there are in all (0: the document is valid). */
size_t json_schema_validate(struct json_schema_set *set, json_t *doc,
                            struct json_schema_error *errors, size_t max);

#endif
