-- Conversation analysis (runs, knowledge gaps and their messages, patterns, insights) is workspace
-- data: forced RLS on app.workspace_id like every tenant table (0001_tenancy.sql), explicit grants
-- (0009). DELETE only through the run's cascade and the workspace's.
GRANT SELECT, INSERT, UPDATE ON analysis_runs, knowledge_gaps, gap_messages, analysis_patterns, analysis_insights TO parley_app;
--> statement-breakpoint
ALTER TABLE analysis_runs ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE analysis_runs FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_isolation ON analysis_runs
  USING (workspace_id = app_workspace_id()) WITH CHECK (workspace_id = app_workspace_id());
--> statement-breakpoint
ALTER TABLE knowledge_gaps ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE knowledge_gaps FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_isolation ON knowledge_gaps
  USING (workspace_id = app_workspace_id()) WITH CHECK (workspace_id = app_workspace_id());
--> statement-breakpoint
ALTER TABLE gap_messages ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE gap_messages FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_isolation ON gap_messages
  USING (workspace_id = app_workspace_id()) WITH CHECK (workspace_id = app_workspace_id());
--> statement-breakpoint
ALTER TABLE analysis_patterns ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE analysis_patterns FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_isolation ON analysis_patterns
  USING (workspace_id = app_workspace_id()) WITH CHECK (workspace_id = app_workspace_id());
--> statement-breakpoint
ALTER TABLE analysis_insights ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE analysis_insights FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_isolation ON analysis_insights
  USING (workspace_id = app_workspace_id()) WITH CHECK (workspace_id = app_workspace_id());
