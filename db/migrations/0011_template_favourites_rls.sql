-- Tenancy for template_favourites (0011): forced RLS on the workspace, like every tenant table.
ALTER TABLE template_favourites ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE template_favourites FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
DROP POLICY IF EXISTS tenant_isolation ON template_favourites;
--> statement-breakpoint
CREATE POLICY tenant_isolation ON template_favourites
  USING (workspace_id = app_workspace_id()) WITH CHECK (workspace_id = app_workspace_id());
--> statement-breakpoint
-- Explicit, not only through the default privileges of 0001: the grant is this table's own.
GRANT SELECT, INSERT, DELETE ON template_favourites TO parley_app;
