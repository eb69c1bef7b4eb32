-- 035: the start page shows each user their work as counts (issue 10, defect 5): events
-- awaiting a decision, their own open reports, deliveries that failed, regulatory reports
-- not yet sent. Each count is a condition on a small part of a large table (a million
-- incidents in the benchmark's tenants); these partial indexes hold just that part, so a
-- count reads the rows it counts and no others. Row-level security still decides what
-- each row shows: nothing here widens it.

-- events a point of contact has yet to decide on, per organisation
CREATE INDEX events_awaiting ON events (org_id, reported_at DESC) WHERE status = 'reported';
-- a reporter's own events not yet decided on
CREATE INDEX events_own_awaiting ON events (created_by, reported_at DESC)
    WHERE status = 'reported';
-- a reporter's own incidents still being handled
CREATE INDEX incidents_own_open ON incidents (reported_by, created_at DESC)
    WHERE status IN ('open', 'responding');
-- deliveries the forwarder gave up on, per recipient's organisation (who may retry them)
CREATE INDEX outbox_failed ON outbox (recipient_org_id, failed_at DESC) WHERE state = 'failed';
-- regulatory reports not yet sent, the soonest due first (the queue and the start page)
CREATE INDEX obligations_unsent ON notification_obligations (due_at, id) WHERE sent_at IS NULL;
