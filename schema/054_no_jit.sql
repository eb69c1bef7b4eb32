-- 054: no JIT compilation for this database's sessions (issue 9).
--
-- The portal's statements are short and run again and again; PostgreSQL compiles a
-- statement whose estimated cost passes jit_above_cost (100 000) with LLVM at every
-- execution. The heatmap of a parent with 10 000 group companies crossed it: 176-230 ms of
-- compilation for a statement that runs in 30 ms. The lists already turned JIT off for
-- their statements (LIST_PLAN_SQL); this turns it off for every new session of the
-- database, whoever connects (portal, forwarder, tests, operators' psql).
DO $$
BEGIN
    EXECUTE format('ALTER DATABASE %I SET jit = off', current_database());
END $$;
