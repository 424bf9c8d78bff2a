-- AI settings, AI calls and template optimisations are workspace data: forced RLS on
-- app.workspace_id like every tenant table (0001_tenancy.sql), explicit grants (0009).
-- ai_calls is append-only for the application: no UPDATE or DELETE.
GRANT SELECT, INSERT, UPDATE, DELETE ON ai_settings, template_optimizations TO parley_app;
--> statement-breakpoint
GRANT SELECT, INSERT ON ai_calls TO parley_app;
--> statement-breakpoint
ALTER TABLE ai_settings ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE ai_settings FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_isolation ON ai_settings
  USING (workspace_id = app_workspace_id()) WITH CHECK (workspace_id = app_workspace_id());
--> statement-breakpoint
ALTER TABLE ai_calls ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE ai_calls FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_isolation ON ai_calls
  USING (workspace_id = app_workspace_id()) WITH CHECK (workspace_id = app_workspace_id());
--> statement-breakpoint
ALTER TABLE template_optimizations ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE template_optimizations FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_isolation ON template_optimizations
  USING (workspace_id = app_workspace_id()) WITH CHECK (workspace_id = app_workspace_id());
