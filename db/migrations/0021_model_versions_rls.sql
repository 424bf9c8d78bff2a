-- Model versions, deployments, scenarios and their runs are workspace data: forced RLS on
-- app.workspace_id like every tenant table (0001_tenancy.sql), explicit grants (0009).
-- model_deployment_events is append-only: the application role may not change or delete it.
GRANT SELECT, INSERT, UPDATE, DELETE ON model_versions, model_deployments, training_scenarios, scenario_runs, scenario_results TO parley_app;
--> statement-breakpoint
GRANT SELECT, INSERT ON model_deployment_events TO parley_app;
--> statement-breakpoint
ALTER TABLE model_versions ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE model_versions FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_isolation ON model_versions
  USING (workspace_id = app_workspace_id()) WITH CHECK (workspace_id = app_workspace_id());
--> statement-breakpoint
ALTER TABLE model_deployments ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE model_deployments FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_isolation ON model_deployments
  USING (workspace_id = app_workspace_id()) WITH CHECK (workspace_id = app_workspace_id());
--> statement-breakpoint
ALTER TABLE model_deployment_events ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE model_deployment_events FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_isolation ON model_deployment_events
  USING (workspace_id = app_workspace_id()) WITH CHECK (workspace_id = app_workspace_id());
--> statement-breakpoint
ALTER TABLE training_scenarios ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE training_scenarios FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_isolation ON training_scenarios
  USING (workspace_id = app_workspace_id()) WITH CHECK (workspace_id = app_workspace_id());
--> statement-breakpoint
ALTER TABLE scenario_runs ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE scenario_runs FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_isolation ON scenario_runs
  USING (workspace_id = app_workspace_id()) WITH CHECK (workspace_id = app_workspace_id());
--> statement-breakpoint
ALTER TABLE scenario_results ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE scenario_results FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_isolation ON scenario_results
  USING (workspace_id = app_workspace_id()) WITH CHECK (workspace_id = app_workspace_id());
