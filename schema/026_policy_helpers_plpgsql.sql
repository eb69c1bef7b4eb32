-- 026: the helpers that row-level security policies call run as PL/pgSQL (issue 9). They
-- were SQL functions; a SECURITY DEFINER SQL function is never inlined, and the executor
-- plans its query again at every call, so every policy check of every statement paid for
-- a plan (profiled: a single-row read of an assessment spent most of its 1.2 ms there).
-- PL/pgSQL keeps each query's plan for the life of the connection. Same bodies, same
-- arguments, results, volatility, owner, rights and search_path: each function is
-- redefined from its own text, so nothing is copied by hand.
DO $migrate$
DECLARE
    f record;
    body text;
BEGIN
    FOR f IN
        SELECT p.oid, p.proname, p.proretset, format_type(p.prorettype, NULL) AS rettype,
               pg_get_function_arguments(p.oid) AS args,
               rtrim(rtrim(p.prosrc, E' \n\t'), ';') AS src
          FROM pg_proc p
          JOIN pg_namespace n ON n.oid = p.pronamespace
          JOIN pg_language l ON l.oid = p.prolang
         WHERE n.nspname = 'app' AND l.lanname = 'sql' AND p.provolatile = 's'
           AND p.prosecdef
           AND format_type(p.prorettype, NULL) IN ('bigint', 'boolean', 'integer')
    LOOP
        IF position(';' IN f.src) > 0 THEN
            RAISE EXCEPTION 'app.% has more than one statement', f.proname;
        END IF;
        IF f.proretset THEN
            body := format(E'BEGIN\n    RETURN QUERY %s;\nEND', f.src);
        ELSE
            -- the first row, as the SQL function returned it
            body := format(E'DECLARE\n    result %s;\nBEGIN\n    %s\n    INTO result;\n    RETURN result;\nEND',
                           f.rettype, f.src);
        END IF;
        EXECUTE format('CREATE OR REPLACE FUNCTION app.%I(%s) RETURNS %s%s '
                       'LANGUAGE plpgsql STABLE SECURITY DEFINER '
                       'SET search_path = public, pg_temp AS %L',
                       f.proname, f.args, CASE WHEN f.proretset THEN 'SETOF ' ELSE '' END,
                       f.rettype, body);
    END LOOP;
END
$migrate$;
