-- postgres-exporter.sql - the read-only role prometheus-postgres-exporter connects as, run
-- once by the cluster's superuser (psql -d portal -f postgres-exporter.sql). pg_monitor
-- reads the statistics views and settings, never a table's rows: row-level security and
-- the tenants' data stay out of its reach. Give it a password (\password portal_exporter)
-- when it connects over TCP; over the local socket, peer or scram-sha-256 in pg_hba.conf.
DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'portal_exporter') THEN
        CREATE ROLE portal_exporter LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOBYPASSRLS;
    END IF;
END $$;
GRANT pg_monitor TO portal_exporter;
GRANT CONNECT ON DATABASE portal TO portal_exporter;
ALTER ROLE portal_exporter SET statement_timeout = '5s';
