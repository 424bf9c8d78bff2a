-- Datasets and training examples are workspace data: forced RLS on app.workspace_id like every
-- tenant table (0001_tenancy.sql), and explicit grants per table (0009: no default privileges).
GRANT SELECT, INSERT, UPDATE, DELETE ON datasets, training_examples TO parley_app;
--> statement-breakpoint
ALTER TABLE datasets ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE datasets FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_isolation ON datasets
  USING (workspace_id = app_workspace_id()) WITH CHECK (workspace_id = app_workspace_id());
--> statement-breakpoint
ALTER TABLE training_examples ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE training_examples FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_isolation ON training_examples
  USING (workspace_id = app_workspace_id()) WITH CHECK (workspace_id = app_workspace_id());
