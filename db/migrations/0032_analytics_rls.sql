-- Daily analytics roll-ups are workspace data: forced RLS on app.workspace_id like every tenant
-- table (0001_tenancy.sql) and explicit grants (0009: no default privileges). The roll-up job
-- recomputes a day range by deleting and inserting its rows; nothing updates them in place.
GRANT SELECT, INSERT, DELETE ON analytics_daily TO parley_app;
--> statement-breakpoint
ALTER TABLE analytics_daily ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE analytics_daily FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_isolation ON analytics_daily
  USING (workspace_id = app_workspace_id()) WITH CHECK (workspace_id = app_workspace_id());
