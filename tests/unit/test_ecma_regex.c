/* test_ecma_regex.c - JSON Schema patterns (ECMA-262) rewritten for regcomp: every pattern
 * of the CSAF 2.0 and CVSS schemas compiles and accepts and refuses what a JavaScript
 * validator would; class escapes, escaped punctuation inside and outside classes, ranges,
 * non-capturing groups, lazy quantifiers, a literal '{'; unsupported syntax refused. */
#include "testlib.h"

#include "ecma_regex.h"

#include <string.h>

/* 1 when pattern (ECMA) finds a match in text. */
static int matches(const char *pattern, const char *text)
{
    regex_t re;
    ck_assert_msg(ecma_regex_compile(&re, pattern) == 0, "%s does not compile", pattern);
    int found = ecma_regex_search(&re, text, strlen(text));
    regfree(&re);
    return found;
}

START_TEST(csaf_patterns_accept_and_refuse_like_javascript)
{
    const char *cve = "^CVE-[0-9]{4}-[0-9]{4,}$";
    ck_assert(matches(cve, "CVE-2021-44228"));
    ck_assert(!matches(cve, "CVE-2021-442"));
    ck_assert(!matches(cve, "xCVE-2021-44228"));
    const char *cwe = "^CWE-[1-9]\\d{0,5}$";
    ck_assert(matches(cwe, "CWE-502"));
    ck_assert(!matches(cwe, "CWE-0502"));
    ck_assert(!matches(cwe, "CWE-1234567"));
    const char *trimmed = "^[\\S](.*[\\S])?$";
    ck_assert(matches(trimmed, "Red Hat"));
    ck_assert(matches(trimmed, "x"));
    ck_assert(!matches(trimmed, " Red Hat"));
    ck_assert(!matches(trimmed, "Red Hat\t"));
    const char *id = "^[^\\s\\-_\\.](.*[^\\s\\-_\\.])?$";
    ck_assert(matches(id, "RHSA-2021:5217"));
    ck_assert(!matches(id, "-RHSA"));
    ck_assert(!matches(id, "RHSA."));
    ck_assert(!matches(id, "_x"));
    const char *version = "^(0|[1-9][0-9]*)$|^((0|[1-9]\\d*)\\.(0|[1-9]\\d*)\\.(0|[1-9]\\d*)"
                          "(?:-((?:0|[1-9]\\d*|\\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\\.(?:0|[1-9]\\d*|"
                          "\\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?(?:\\+([0-9a-zA-Z-]+(?:\\.[0-9a-zA-Z-]"
                          "+)*))?)$";
    ck_assert(matches(version, "1"));
    ck_assert(matches(version, "1.0.0-rc.1+build.5"));
    ck_assert(!matches(version, "01"));
    ck_assert(!matches(version, "1.0"));
    const char *hash = "^[0-9a-fA-F]{32,}$";
    ck_assert(matches(hash, "0123456789abcdef0123456789ABCDEF"));
    ck_assert(!matches(hash, "0123456789abcdef"));
    const char *purl = "^pkg:[A-Za-z\\.\\-\\+][A-Za-z0-9\\.\\-\\+]*/.+";
    ck_assert(matches(purl, "pkg:maven/org.apache.logging.log4j/log4j-core@2.15.0"));
    ck_assert(!matches(purl, "pkg:/x"));
    const char *cpe =
        "^(cpe:2\\.3:[aho\\*\\-](:(((\\?*|\\*?)([a-zA-Z0-9\\-\\._]|(\\\\[\\\\\\*\\?!\"#\\$%&'\\("
        "\\)\\+,/:;<=>@\\[\\]\\^`\\{\\|\\}~]))+(\\?*|\\*?))|[\\*\\-])){5}(:(([a-zA-Z]{2,3}(-([a-zA-"
        "Z]{2}|[0-9]{3}))?)|[\\*\\-]))(:(((\\?*|\\*?)([a-zA-Z0-9\\-\\._]|(\\\\[\\\\\\*\\?!\"#\\$%&"
        "'\\(\\)\\+,/:;<=>@\\[\\]\\^`\\{\\|\\}~]))+(\\?*|\\*?))|[\\*\\-])){4})|([c][pP][eE]:/"
        "[AHOaho"
        "]?(:[A-Za-z0-9\\._\\-~%]*){0,6})$";
    ck_assert(matches(cpe, "cpe:/a:apache:log4j:2.14.1"));
    ck_assert(matches(cpe, "cpe:2.3:a:apache:log4j:2.14.1:*:*:*:*:*:*:*"));
    ck_assert(matches(cpe, "cpe:2.3:a:vendor:pro\\:duct:1.0:*:*:*:*:*:*:*"));
    ck_assert(!matches(cpe, "cpe:2.3:a:apache"));
}
END_TEST

START_TEST(escapes_classes_and_quantifiers)
{
    ck_assert(matches("^a\\.b$", "a.b"));
    ck_assert(!matches("^a\\.b$", "axb"));
    ck_assert(matches("^[\\]\\[^-]+$", "]^-["));
    ck_assert(!matches("^[\\]\\[^-]+$", "a"));
    ck_assert(matches("^[^\\]]$", "a"));
    ck_assert(!matches("^[^\\]]$", "]"));
    ck_assert(matches("^\\w+\\W\\D$", "ab_9-x"));
    ck_assert(matches("^a{2}$", "aa"));
    ck_assert(matches("^a{$", "a{")); /* not a quantifier: a literal brace */
    ck_assert(matches("^a+?b*?$", "aab"));
    ck_assert(matches("^\\u0041\\x42$", "AB"));
    ck_assert(matches("^<>`'$", "<>`'")); /* literal, not GNU word or buffer anchors */
    ck_assert(matches("^\\<\\>\\`\\'$", "<>`'"));
    ck_assert(matches("^[a-c-]$", "-"));
    ck_assert(matches("\\t", "a\tb"));
    /* a match is looked for in the whole text, NUL bytes included */
    regex_t re;
    ck_assert_int_eq(ecma_regex_compile(&re, "^ab$"), 0);
    ck_assert(!ecma_regex_search(&re, "ab\0", 3));
    ck_assert(ecma_regex_search(&re, "abc", 2));
    regfree(&re);
}
END_TEST

START_TEST(unsupported_syntax_is_refused)
{
    static const char *const refused[] = {
        "(?=a)",   "(?!a)", "(?<=a)", "(?<n>a)", "(a)\\1", "\\bword",
        "\\u00e9", "[z-a]", "[a",     "\\",      "[]",     "\\0",
    };
    char out[256];
    for (size_t i = 0; i < sizeof refused / sizeof refused[0]; i++)
        ck_assert_msg(ecma_regex_translate(refused[i], out, sizeof out) != 0, "%s translated",
                      refused[i]);
    ck_assert_int_ne(ecma_regex_translate("abcdef", out, 4), 0); /* no room */
}
END_TEST

static Suite *ecma_regex_suite(void)
{
    Suite *s = suite_create("ecma_regex");
    TCase *t = tcase_create("ecma_regex");
    tcase_add_test(t, csaf_patterns_accept_and_refuse_like_javascript);
    tcase_add_test(t, escapes_classes_and_quantifiers);
    tcase_add_test(t, unsupported_syntax_is_refused);
    suite_add_tcase(s, t);
    return s;
}

TEST_MAIN(ecma_regex_suite)
