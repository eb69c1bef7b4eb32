/* regreport.c - the prepared text of each regulatory report. Each report follows the items
 * its article lists, in that order, so the authority finds what it asks for; every item
 * the incident record cannot fill is marked REGREPORT_TODO. */
#include "regreport.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A growing text; on allocation failure it is poisoned (buf NULL) and stays so. */
struct text {
    char *buf;
    size_t len, cap;
    int failed;
};

static void text_add(struct text *t, const char *s)
{
    if (t->failed)
        return;
    size_t n = strlen(s);
    if (t->len + n + 1 > t->cap) {
        size_t cap = t->cap ? t->cap : 1024;
        while (cap < t->len + n + 1)
            cap *= 2;
        char *grown = realloc(t->buf, cap);
        if (!grown) {
            free(t->buf);
            t->buf = NULL;
            t->failed = 1;
            return;
        }
        t->buf = grown;
        t->cap = cap;
    }
    memcpy(t->buf + t->len, s, n + 1);
    t->len += n;
}

static void text_addf(struct text *t, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void text_addf(struct text *t, const char *fmt, ...)
{
    char line[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(line, sizeof line, fmt, ap);
    va_end(ap);
    text_add(t, line);
}

static int has(const char *s)
{
    if (!s)
        return 0;
    for (; *s; s++)
        if (*s != ' ' && *s != '\t' && *s != '\r' && *s != '\n')
            return 1;
    return 0;
}

static const char *or_todo(const char *s)
{
    return has(s) ? s : REGREPORT_TODO;
}

/* "Label: value" on one line, or the value on the lines below when it has several. */
static void item(struct text *t, const char *label, const char *value)
{
    const char *v = or_todo(value);
    text_add(t, label);
    text_add(t, strchr(v, '\n') ? ":\n" : ": ");
    text_add(t, v);
    text_add(t, "\n");
}

static void heading(struct text *t, const char *h)
{
    text_add(t, "\n");
    text_add(t, h);
    text_add(t, "\n");
}

int regreport_category_malicious(const char *category)
{
    static const char *const malicious[] = {
        "malware",         "technical_attack",          "social_unrest",
        "harmful_content", "compromise_of_information", "compromise_of_functions"};
    if (!category)
        return 0;
    for (size_t i = 0; i < sizeof malicious / sizeof malicious[0]; i++)
        if (strcmp(category, malicious[i]) == 0)
            return 1;
    return 0;
}

static const char *category_name(const struct regreport_incident *inc)
{
    return has(inc->category_label) ? inc->category_label : or_todo(inc->category);
}

/* The lines every report starts with: who reports what, and since when it is known. */
static void preamble(struct text *t, const struct regreport_incident *inc, const char *title,
                     const char *basis, const char *entity)
{
    text_add(t, title);
    text_add(t, "\n");
    text_add(t, basis);
    text_add(t, "\n\n");
    item(t, entity, inc->organisation);
    text_add(t, "Incident: ");
    text_add(t, or_todo(inc->number));
    if (has(inc->title)) {
        text_add(t, " - ");
        text_add(t, inc->title);
    }
    text_add(t, "\n");
    item(t, "Became aware", inc->awareness_at);
    item(t, "Detected", inc->detected_at);
    if (has(inc->occurred_at))
        item(t, "Occurred", inc->occurred_at);
    item(t, "Contact for this report", inc->contact);
}

static void impacts(struct text *t, const struct regreport_incident *inc)
{
    item(t, "Impact on confidentiality", inc->impact_confidentiality);
    item(t, "Impact on integrity", inc->impact_integrity);
    item(t, "Impact on availability", inc->impact_availability);
}

static void malicious_act(struct text *t, const struct regreport_incident *inc)
{
    if (regreport_category_malicious(inc->category) || has(inc->perpetrator))
        text_addf(t, "Yes, suspected: the incident is classified as %s%s.\n", category_name(inc),
                  inc->nature && strcmp(inc->nature, "attempted") == 0 ? " (attempted)" : "");
    else
        text_addf(t, "%s (the incident is classified as %s)\n", REGREPORT_TODO, category_name(inc));
    if (has(inc->perpetrator))
        item(t, "Perpetrator", inc->perpetrator);
    if (has(inc->motivation))
        item(t, "Motivation", inc->motivation);
}

static void early_warning(struct text *t, const struct regreport_incident *inc)
{
    preamble(t, inc, "NIS2 early warning",
             "Directive (EU) 2022/2555, Article 23(4)(a): without undue delay and in any event "
             "within 24 hours of becoming aware of the significant incident.",
             "Reporting entity");
    heading(t, "1. Summary of the incident");
    item(t, "Description", inc->description);
    item(t, "Category", category_name(inc));
    item(t, "Severity", inc->severity);
    heading(t, "2. Is the incident suspected of being caused by unlawful or malicious acts?");
    malicious_act(t, inc);
    heading(t, "3. Could the incident have a cross-border impact?");
    text_add(t, REGREPORT_TODO "\n");
}

static void notification(struct text *t, const struct regreport_incident *inc)
{
    preamble(t, inc, "NIS2 incident notification",
             "Directive (EU) 2022/2555, Article 23(4)(b): without undue delay and in any event "
             "within 72 hours of becoming aware of the significant incident.",
             "Reporting entity");
    heading(t, "1. Update of the early warning");
    text_addf(t, "Early warning sent: %s\n",
              has(inc->early_warning_sent_at) ? inc->early_warning_sent_at : "not yet");
    item(t, "Description", inc->description);
    heading(t, "2. Initial assessment of the incident");
    item(t, "Severity", inc->severity);
    item(t, "Nature", inc->nature);
    item(t, "Category", category_name(inc));
    impacts(t, inc);
    item(t, "Affected assets", inc->assets);
    heading(t, "3. Indicators of compromise, where available");
    text_add(t, REGREPORT_TODO "\n");
    heading(t, "4. Suspected unlawful or malicious act");
    malicious_act(t, inc);
    heading(t, "5. Possible cross-border impact");
    text_add(t, REGREPORT_TODO "\n");
}

static void intermediate(struct text *t, const struct regreport_incident *inc)
{
    preamble(t, inc, "NIS2 intermediate report",
             "Directive (EU) 2022/2555, Article 23(4)(c): upon the request of the CSIRT or the "
             "competent authority, on relevant status updates.",
             "Reporting entity");
    heading(t, "1. Status of the incident handling");
    item(t, "Status", inc->status);
    item(t, "Actions taken", inc->actions_taken);
    item(t, "Actions planned", inc->actions_planned);
    heading(t, "2. Update of the assessment");
    item(t, "Severity", inc->severity);
    impacts(t, inc);
    heading(t, "3. Further information requested");
    text_add(t, REGREPORT_TODO "\n");
}

static void final_report(struct text *t, const struct regreport_incident *inc)
{
    preamble(t, inc, "NIS2 final report",
             "Directive (EU) 2022/2555, Article 23(4)(d): not later than one month after the "
             "submission of the incident notification.",
             "Reporting entity");
    item(t, "Incident notification sent", inc->notification_sent_at);
    heading(t, "1. Detailed description of the incident, including its severity and impact");
    item(t, "Description", inc->description);
    item(t, "How it occurred", inc->how_occurred);
    item(t, "Severity", inc->severity);
    impacts(t, inc);
    item(t, "Affected assets", inc->assets);
    heading(t, "2. Type of threat or root cause that is likely to have triggered the incident");
    item(t, "Type of threat", category_name(inc));
    item(t, "Root cause", inc->why_occurred);
    if (has(inc->perpetrator))
        item(t, "Perpetrator", inc->perpetrator);
    if (has(inc->motivation))
        item(t, "Motivation", inc->motivation);
    heading(t, "3. Applied and ongoing mitigation measures");
    item(t, "Applied", inc->actions_taken);
    item(t, "Ongoing or planned", inc->actions_planned);
    heading(t, "4. Cross-border impact of the incident, where applicable");
    text_add(t, REGREPORT_TODO "\n");
}

static void breach_notification(struct text *t, const struct regreport_incident *inc)
{
    preamble(t, inc, "GDPR personal data breach notification",
             "Regulation (EU) 2016/679, Article 33: to the supervisory authority without undue "
             "delay and, where feasible, not later than 72 hours after having become aware of "
             "the breach.",
             "Controller");
    heading(t, "(a) Nature of the personal data breach");
    item(t, "Description", inc->description);
    impacts(t, inc);
    item(t, "Categories of data subjects concerned", NULL);
    item(t, "Approximate number of data subjects concerned", NULL);
    item(t, "Categories of personal data records concerned", NULL);
    item(t, "Approximate number of personal data records concerned", NULL);
    heading(t, "(b) Name and contact details of the data protection officer or other contact "
               "point");
    text_add(t, REGREPORT_TODO "\n");
    heading(t, "(c) Likely consequences of the personal data breach");
    text_add(t, REGREPORT_TODO "\n");
    heading(t, "(d) Measures taken or proposed to address the breach, including measures to "
               "mitigate its possible adverse effects");
    item(t, "Taken", inc->actions_taken);
    item(t, "Proposed", inc->actions_planned);
    if (inc->late) {
        heading(t, "Reasons for the delay (Article 33(1))");
        text_add(t, REGREPORT_TODO "\n");
    }
}

char *regreport_text(const struct regreport_incident *inc, enum deadline_regime regime,
                     enum deadline_report report)
{
    struct text t = {0};
    if (regime == DEADLINE_GDPR && report == DEADLINE_BREACH_NOTIFICATION)
        breach_notification(&t, inc);
    else if (regime == DEADLINE_NIS2 && report == DEADLINE_EARLY_WARNING)
        early_warning(&t, inc);
    else if (regime == DEADLINE_NIS2 && report == DEADLINE_NOTIFICATION)
        notification(&t, inc);
    else if (regime == DEADLINE_NIS2 && report == DEADLINE_INTERMEDIATE)
        intermediate(&t, inc);
    else if (regime == DEADLINE_NIS2 && report == DEADLINE_FINAL)
        final_report(&t, inc);
    else
        return NULL;
    return t.buf;
}
