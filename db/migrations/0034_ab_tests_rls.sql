-- A/B tests are workspace data: forced RLS on app.workspace_id like every tenant table
-- (0001_tenancy.sql) and explicit grants per table (0009: no default privileges).
GRANT SELECT, INSERT, UPDATE, DELETE ON ab_tests, ab_test_variants TO parley_app;
--> statement-breakpoint
-- Assignments are exposures: added once, read, removed only with their test or conversation.
GRANT SELECT, INSERT ON ab_test_assignments TO parley_app;
--> statement-breakpoint
ALTER TABLE ab_tests ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE ab_tests FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_isolation ON ab_tests
  USING (workspace_id = app_workspace_id()) WITH CHECK (workspace_id = app_workspace_id());
--> statement-breakpoint
ALTER TABLE ab_test_variants ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE ab_test_variants FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_isolation ON ab_test_variants
  USING (workspace_id = app_workspace_id()) WITH CHECK (workspace_id = app_workspace_id());
--> statement-breakpoint
ALTER TABLE ab_test_assignments ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE ab_test_assignments FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_isolation ON ab_test_assignments
  USING (workspace_id = app_workspace_id()) WITH CHECK (workspace_id = app_workspace_id());
