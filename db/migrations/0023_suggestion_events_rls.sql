-- Suggestion events (what was suggested, what the agent chose) are workspace data: forced RLS on
-- app.workspace_id like every tenant table (0001_tenancy.sql), explicit grants (0009). No DELETE:
-- events are append-only; the workspace's and a purged template's cascades remove them.
GRANT SELECT, INSERT, UPDATE ON suggestion_events TO parley_app;
--> statement-breakpoint
ALTER TABLE suggestion_events ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE suggestion_events FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_isolation ON suggestion_events
  USING (workspace_id = app_workspace_id()) WITH CHECK (workspace_id = app_workspace_id());
