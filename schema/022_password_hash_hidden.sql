-- 022: the portal's role reads no password hashes. users_read lets a member see their
-- colleagues' rows, and with them their Argon2id hashes (offline guessing material for
-- anyone who gets a foothold in a worker). Hashes are read only inside the definer
-- functions of sign-in and invitations; the portal's role keeps the other columns.
REVOKE SELECT ON users FROM portal_app;
GRANT SELECT (id, email, display_name, disabled, created_at) ON users TO portal_app;
