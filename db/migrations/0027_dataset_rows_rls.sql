-- Parsed rows and staged upload bytes are workspace data: forced RLS on app.workspace_id like
-- every tenant table (0001_tenancy.sql), and explicit grants (0009: no default privileges).
GRANT SELECT, INSERT, UPDATE, DELETE ON dataset_rows, dataset_upload_chunks TO parley_app;
--> statement-breakpoint
ALTER TABLE dataset_rows ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE dataset_rows FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_isolation ON dataset_rows
  USING (workspace_id = app_workspace_id()) WITH CHECK (workspace_id = app_workspace_id());
--> statement-breakpoint
ALTER TABLE dataset_upload_chunks ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE dataset_upload_chunks FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_isolation ON dataset_upload_chunks
  USING (workspace_id = app_workspace_id()) WITH CHECK (workspace_id = app_workspace_id());
--> statement-breakpoint
-- Upload pieces are passed through once and deleted: not worth compressing (pglz on 4 MB of
-- text costs more CPU than the bytes it saves on their short stay).
ALTER TABLE dataset_upload_chunks ALTER COLUMN data SET STORAGE EXTERNAL;
