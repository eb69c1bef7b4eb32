/* regreport.h - the text of a regulatory report prepared from an incident's record: the
 * NIS2 early warning, incident notification, intermediate and final report (Art. 23(4))
 * and the GDPR personal-data breach notification (Art. 33(3)). What the record does not
 * hold appears as REGREPORT_TODO, for the coordinator to complete before sending. Pure. */
#ifndef REGREPORT_H
#define REGREPORT_H

#include "deadline.h"

#define REGREPORT_TODO "[to complete]"

/* The incident's data as text; NULL or "" for what the record does not hold. Times are
 * shown as given (e.g. "2026-01-15 08:30 UTC"). */
struct regreport_incident {
    const char *number; /* "INC-000042" */
    const char *title;
    const char *organisation; /* the reporting entity */
    const char *description;
    const char *category;       /* a category code, e.g. "malware" */
    const char *category_label; /* its label, e.g. "Malware" (the code when empty) */
    const char *severity;       /* "critical" */
    const char *nature;         /* "actual", "attempted", "suspected" */
    const char *status;         /* "open", "responding", "resolved", "closed" */
    const char *detected_at;
    const char *occurred_at;
    const char *awareness_at;
    const char *how_occurred;
    const char *why_occurred;
    const char *perpetrator;
    const char *motivation;
    const char *impact_confidentiality;
    const char *impact_integrity;
    const char *impact_availability;
    const char *assets; /* the affected assets, one per line */
    const char *actions_taken;
    const char *actions_planned;
    const char *early_warning_sent_at; /* when the NIS2 early warning went out, if it did */
    const char *notification_sent_at;  /* when the NIS2 notification went out, if it did */
    const char *contact;               /* who reports: name and e-mail address */
    int late; /* prepared after the due time: the reasons for the delay are asked for */
};

/* 1 when the category stands for a deliberate act (malware, technical attack, ...), so an
 * unlawful or malicious act is suspected. */
int regreport_category_malicious(const char *category);

/* The report's text (malloc'd, the caller frees it), or NULL when the regime does not have
 * that report or memory ran out. */
char *regreport_text(const struct regreport_incident *inc, enum deadline_regime regime,
                     enum deadline_report report);

#endif
