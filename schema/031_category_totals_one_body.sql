-- 031: app.refresh_category_totals (whole assessments, schema/012 and 027) goes: since 030
-- the triggers recompute through app.refresh_category_totals_of_items, and nothing calls
-- the older function, whose body was a second copy of the same computation.
DROP FUNCTION app.refresh_category_totals(bigint[]);
