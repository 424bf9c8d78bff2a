-- The "most used" half of the search candidates, bounded. Ordering every match by usage cost
-- a bitmap heap scan of all of them (3,700 rows, ~10 ms, for "refund policy" on 100,000
-- templates); now only the p_scan most used templates of the workspace are looked at (an
-- ordered scan of the usage index that stops there), so a query's cost no longer grows with
-- how many templates it matches. A new signature, hence drop and create.
DROP FUNCTION template_search_candidates(tsquery, template_status, uuid, text[], text, integer, integer);
--> statement-breakpoint
CREATE FUNCTION template_search_candidates(
  p_query tsquery,
  p_status template_status,
  p_category_id uuid,
  p_tags text[],
  p_language text,
  p_any integer,
  p_top integer,
  p_scan integer
) RETURNS SETOF uuid
LANGUAGE plpgsql STABLE SECURITY DEFINER
SET search_path = pg_catalog, public
SET plan_cache_mode = force_custom_plan
AS $fn$
BEGIN
  RETURN QUERY
    (SELECT t.id FROM public.templates t
      WHERE t.workspace_id = public.app_workspace_id()
        AND t.search @@ p_query
        AND (p_status IS NULL OR t.status = p_status)
        AND (p_category_id IS NULL OR t.category_id = p_category_id)
        AND (p_tags IS NULL OR t.tags @> p_tags)
        AND (p_language IS NULL OR t.language = p_language)
      LIMIT p_any)
    UNION
    (SELECT popular.id FROM (
        SELECT t.id, t.search, t.status, t.category_id, t.tags, t.language
        FROM public.templates t
        WHERE t.workspace_id = public.app_workspace_id()
        ORDER BY t.usage_count DESC, t.id DESC
        LIMIT p_scan) popular
      WHERE popular.search @@ p_query
        AND (p_status IS NULL OR popular.status = p_status)
        AND (p_category_id IS NULL OR popular.category_id = p_category_id)
        AND (p_tags IS NULL OR popular.tags @> p_tags)
        AND (p_language IS NULL OR popular.language = p_language)
      LIMIT p_top);
END
$fn$;
--> statement-breakpoint
DO $$
BEGIN
  ALTER FUNCTION template_search_candidates(tsquery, template_status, uuid, text[], text, integer, integer, integer) OWNER TO parley_search;
EXCEPTION WHEN insufficient_privilege THEN
  RAISE NOTICE 'template search probes stay owned by %: they run under RLS', current_user;
END
$$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION template_search_candidates(tsquery, template_status, uuid, text[], text, integer, integer, integer) FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION template_search_candidates(tsquery, template_status, uuid, text[], text, integer, integer, integer) TO parley_app;
