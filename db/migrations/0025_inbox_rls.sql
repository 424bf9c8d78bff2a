-- The inbox's tables are workspace data: forced RLS on app.workspace_id like every tenant table
-- (0001_tenancy.sql) and explicit grants per table (0009: no default privileges).
GRANT SELECT, INSERT, UPDATE, DELETE ON conversations, conversation_messages, inbox_settings TO parley_app;
--> statement-breakpoint
-- Usage events are append-only: the application may add and read them, never change them.
GRANT SELECT, INSERT ON template_usage_events TO parley_app;
--> statement-breakpoint
GRANT USAGE ON SEQUENCE inbox_change_seq TO parley_app;
--> statement-breakpoint
-- The template a reply was sent with; deleting the template keeps the reply (and its
-- workspace_id: only template_id is cleared).
ALTER TABLE conversation_messages ADD CONSTRAINT conversation_messages_template_fk
  FOREIGN KEY (workspace_id, template_id) REFERENCES templates (workspace_id, id)
  ON DELETE SET NULL (template_id);
--> statement-breakpoint
ALTER TABLE conversations ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE conversations FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_isolation ON conversations
  USING (workspace_id = app_workspace_id()) WITH CHECK (workspace_id = app_workspace_id());
--> statement-breakpoint
ALTER TABLE conversation_messages ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE conversation_messages FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_isolation ON conversation_messages
  USING (workspace_id = app_workspace_id()) WITH CHECK (workspace_id = app_workspace_id());
--> statement-breakpoint
ALTER TABLE template_usage_events ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE template_usage_events FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_isolation ON template_usage_events
  USING (workspace_id = app_workspace_id()) WITH CHECK (workspace_id = app_workspace_id());
--> statement-breakpoint
ALTER TABLE inbox_settings ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE inbox_settings FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_isolation ON inbox_settings
  USING (workspace_id = app_workspace_id()) WITH CHECK (workspace_id = app_workspace_id());
