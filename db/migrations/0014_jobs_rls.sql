-- Jobs, their events and step ledger, and API rate-limit buckets are workspace data: forced
-- RLS on app.workspace_id like every tenant table (0001_tenancy.sql), and grants per table.
GRANT SELECT, INSERT, UPDATE, DELETE ON job_runs, job_events, job_steps, api_rate_limits TO parley_app;
--> statement-breakpoint
GRANT USAGE, SELECT ON SEQUENCE job_events_id_seq TO parley_app;
--> statement-breakpoint
ALTER TABLE job_runs ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE job_runs FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_isolation ON job_runs
  USING (workspace_id = app_workspace_id()) WITH CHECK (workspace_id = app_workspace_id());
--> statement-breakpoint
ALTER TABLE job_events ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE job_events FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_isolation ON job_events
  USING (workspace_id = app_workspace_id()) WITH CHECK (workspace_id = app_workspace_id());
--> statement-breakpoint
ALTER TABLE job_steps ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE job_steps FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_isolation ON job_steps
  USING (workspace_id = app_workspace_id()) WITH CHECK (workspace_id = app_workspace_id());
--> statement-breakpoint
ALTER TABLE api_rate_limits ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE api_rate_limits FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_isolation ON api_rate_limits
  USING (workspace_id = app_workspace_id()) WITH CHECK (workspace_id = app_workspace_id());
--> statement-breakpoint
-- Worker heartbeats are process data, not tenant data: written by the worker's own connection.
REVOKE ALL ON worker_heartbeats FROM parley_app;
