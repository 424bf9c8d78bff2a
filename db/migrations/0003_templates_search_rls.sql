-- Search and tenancy for the template tables (0002). pg_trgm ships with PGlite 0.5 and is
-- loaded by db/client.ts; on PostgreSQL it is a trusted extension (PG 13+).
CREATE EXTENSION IF NOT EXISTS pg_trgm;
--> statement-breakpoint
-- 'simple' (lower-casing, no stemming, no stop words): templates come in many languages, and
-- prefix matching for search-as-you-type works on whole words, where English stems would
-- turn a half-typed "shippi" into a prefix of nothing.
ALTER TABLE templates ADD COLUMN search tsvector GENERATED ALWAYS AS (
  setweight(to_tsvector('simple'::regconfig, name), 'A') ||
  setweight(to_tsvector('simple'::regconfig, trigger_text), 'B') ||
  setweight(to_tsvector('simple'::regconfig, content), 'C')
) STORED;
--> statement-breakpoint
CREATE INDEX templates_search_idx ON templates USING gin (search);
--> statement-breakpoint
-- Misspellings are matched against the workspace's vocabulary of name and trigger words, not
-- against every name: on 100,000 templates a trigram probe on names rechecks thousands of
-- rows per query ("ordr" shares " or", "ord" with every "order"), on the vocabulary a few.
CREATE INDEX template_search_terms_trgm_idx ON template_search_terms USING gin (term gin_trgm_ops);
--> statement-breakpoint
ALTER TABLE template_categories ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE template_categories FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_isolation ON template_categories
  USING (workspace_id = app_workspace_id()) WITH CHECK (workspace_id = app_workspace_id());
--> statement-breakpoint
ALTER TABLE templates ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE templates FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_isolation ON templates
  USING (workspace_id = app_workspace_id()) WITH CHECK (workspace_id = app_workspace_id());
--> statement-breakpoint
ALTER TABLE template_versions ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE template_versions FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_isolation ON template_versions
  USING (workspace_id = app_workspace_id()) WITH CHECK (workspace_id = app_workspace_id());
--> statement-breakpoint
ALTER TABLE template_variables ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE template_variables FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_isolation ON template_variables
  USING (workspace_id = app_workspace_id()) WITH CHECK (workspace_id = app_workspace_id());
--> statement-breakpoint
ALTER TABLE template_triggers ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE template_triggers FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_isolation ON template_triggers
  USING (workspace_id = app_workspace_id()) WITH CHECK (workspace_id = app_workspace_id());
--> statement-breakpoint
ALTER TABLE template_search_terms ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE template_search_terms FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_isolation ON template_search_terms
  USING (workspace_id = app_workspace_id()) WITH CHECK (workspace_id = app_workspace_id());
--> statement-breakpoint
-- The index probes of search. Under RLS, PostgreSQL evaluates a query's own conditions only
-- after the policy's unless their operators are LEAKPROOF, and `@@` (ts_match_vq) and `%`
-- (pg_trgm) are not: as parley_app the GIN indexes are never used and every search reads the
-- whole workspace. So the two probes run as parley_search, a role that bypasses RLS and may
-- only read these two tables; each filters on app_workspace_id() itself and returns nothing
-- but ids and words of the caller's workspace. The rows themselves are then read as
-- parley_app, through the policies. Without the privilege to create a BYPASSRLS role the
-- probes still run, under RLS: correct, only slower.
DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'parley_search') THEN
    BEGIN
      CREATE ROLE parley_search NOLOGIN NOSUPERUSER NOINHERIT BYPASSRLS;
    EXCEPTION WHEN insufficient_privilege THEN
      CREATE ROLE parley_search NOLOGIN NOSUPERUSER NOINHERIT;
      RAISE NOTICE 'parley_search was created without BYPASSRLS: template search works but cannot use its indexes';
    END;
  END IF;
END
$$;
--> statement-breakpoint
DO $$
BEGIN
  EXECUTE format('GRANT parley_search TO %I', current_user);
EXCEPTION WHEN others THEN NULL;
END
$$;
--> statement-breakpoint
GRANT USAGE ON SCHEMA public TO parley_search;
--> statement-breakpoint
GRANT SELECT ON templates, template_search_terms TO parley_search;
--> statement-breakpoint
-- Candidate templates for a search: up to p_any matches as the GIN bitmap yields them (cost
-- bounded by p_any whatever the query matches) and the p_top most used matches (an ordered
-- scan of the usage index for broad queries, the bitmap for narrow ones). The caller ranks.
-- force_custom_plan: plan with the actual query and filters, never a generic plan.
CREATE FUNCTION template_search_candidates(
  p_query tsquery,
  p_status template_status,
  p_category_id uuid,
  p_tags text[],
  p_language text,
  p_any integer,
  p_top integer
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
    (SELECT t.id FROM public.templates t
      WHERE t.workspace_id = public.app_workspace_id()
        AND t.search @@ p_query
        AND (p_status IS NULL OR t.status = p_status)
        AND (p_category_id IS NULL OR t.category_id = p_category_id)
        AND (p_tags IS NULL OR t.tags @> p_tags)
        AND (p_language IS NULL OR t.language = p_language)
      ORDER BY t.usage_count DESC, t.id DESC
      LIMIT p_top);
END
$fn$;
--> statement-breakpoint
-- Vocabulary words that look like each term (pg_trgm similarity >= 0.25, within two letters
-- of its length), for terms that are not the start of any word the workspace uses.
CREATE FUNCTION template_search_similar_terms(p_terms text[], p_per_term integer)
RETURNS TABLE (term text, word text, score real)
LANGUAGE plpgsql STABLE SECURITY DEFINER
SET search_path = pg_catalog, public
SET plan_cache_mode = force_custom_plan
SET pg_trgm.similarity_threshold = 0.25
AS $fn$
BEGIN
  RETURN QUERY
    SELECT q.term, s.word, s.score
    FROM unnest(p_terms) AS q(term)
    CROSS JOIN LATERAL (
      SELECT w.term AS word, similarity(w.term, q.term) AS score
      FROM public.template_search_terms w
      WHERE w.workspace_id = public.app_workspace_id()
        AND w.term % q.term
        AND abs(length(w.term) - length(q.term)) <= 2
      ORDER BY score DESC, w.term
      LIMIT p_per_term
    ) s
    WHERE NOT EXISTS (
      SELECT 1 FROM public.template_search_terms p
      WHERE p.workspace_id = public.app_workspace_id()
        AND p.term LIKE q.term || '%'
    );
END
$fn$;
--> statement-breakpoint
DO $$
BEGIN
  ALTER FUNCTION template_search_candidates(tsquery, template_status, uuid, text[], text, integer, integer) OWNER TO parley_search;
  ALTER FUNCTION template_search_similar_terms(text[], integer) OWNER TO parley_search;
EXCEPTION WHEN insufficient_privilege THEN
  RAISE NOTICE 'template search probes stay owned by %: they run under RLS', current_user;
END
$$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION template_search_candidates(tsquery, template_status, uuid, text[], text, integer, integer) FROM PUBLIC;
--> statement-breakpoint
REVOKE ALL ON FUNCTION template_search_similar_terms(text[], integer) FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION template_search_candidates(tsquery, template_status, uuid, text[], text, integer, integer) TO parley_app;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION template_search_similar_terms(text[], integer) TO parley_app;
