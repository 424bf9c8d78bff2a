-- Tenancy is enforced by PostgreSQL: every query of the application runs as parley_app
-- (no BYPASSRLS) inside a transaction that sets app.* settings with set_config(..., true).
-- See db/tenant.ts. `nullif(..., '')` because a setting once set on a connection reads '' later.
DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'parley_app') THEN
    CREATE ROLE parley_app NOLOGIN NOSUPERUSER NOBYPASSRLS NOINHERIT;
  END IF;
END
$$;
--> statement-breakpoint
-- The migrating user must be able to SET ROLE to parley_app (a no-op grant for superusers).
DO $$
BEGIN
  EXECUTE format('GRANT parley_app TO %I', current_user);
EXCEPTION WHEN others THEN NULL;
END
$$;
--> statement-breakpoint
GRANT USAGE ON SCHEMA public TO parley_app;
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON workspaces, memberships, invitations, api_keys, audit_log TO parley_app;
--> statement-breakpoint
GRANT SELECT ON users TO parley_app;
--> statement-breakpoint
GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO parley_app;
--> statement-breakpoint
-- Tables created by later migrations are granted to the application role automatically;
-- each of them still needs its own RLS statements (see docs in README "Tenancy").
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO parley_app;
--> statement-breakpoint
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO parley_app;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION app_workspace_id() RETURNS uuid LANGUAGE sql STABLE AS
  $$ SELECT nullif(current_setting('app.workspace_id', true), '')::uuid $$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION app_user_id() RETURNS text LANGUAGE sql STABLE AS
  $$ SELECT nullif(current_setting('app.user_id', true), '') $$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION app_lookup_hash() RETURNS text LANGUAGE sql STABLE AS
  $$ SELECT nullif(current_setting('app.lookup_hash', true), '') $$;
--> statement-breakpoint
ALTER TABLE workspaces ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE workspaces FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_isolation ON workspaces
  USING (id = app_workspace_id()) WITH CHECK (id = app_workspace_id());
--> statement-breakpoint
-- A signed-in user (withUser) may read the workspaces they belong to, for the switcher.
CREATE POLICY member_read ON workspaces FOR SELECT
  USING (app_user_id() IS NOT NULL AND EXISTS (
    SELECT 1 FROM memberships m WHERE m.workspace_id = workspaces.id AND m.user_id = app_user_id()));
--> statement-breakpoint
-- Whoever holds an invitation link (withLookup) may read the inviting workspace's name.
CREATE POLICY invitee_read ON workspaces FOR SELECT
  USING (app_lookup_hash() IS NOT NULL AND EXISTS (
    SELECT 1 FROM invitations i WHERE i.workspace_id = workspaces.id AND i.token_hash = app_lookup_hash()));
--> statement-breakpoint
ALTER TABLE memberships ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE memberships FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_isolation ON memberships
  USING (workspace_id = app_workspace_id()) WITH CHECK (workspace_id = app_workspace_id());
--> statement-breakpoint
CREATE POLICY own_read ON memberships FOR SELECT USING (user_id = app_user_id());
--> statement-breakpoint
ALTER TABLE invitations ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE invitations FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_isolation ON invitations
  USING (workspace_id = app_workspace_id()) WITH CHECK (workspace_id = app_workspace_id());
--> statement-breakpoint
CREATE POLICY token_read ON invitations FOR SELECT USING (token_hash = app_lookup_hash());
--> statement-breakpoint
ALTER TABLE api_keys ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE api_keys FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_isolation ON api_keys
  USING (workspace_id = app_workspace_id()) WITH CHECK (workspace_id = app_workspace_id());
--> statement-breakpoint
CREATE POLICY secret_read ON api_keys FOR SELECT USING (secret_hash = app_lookup_hash());
--> statement-breakpoint
ALTER TABLE audit_log ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE audit_log FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_isolation ON audit_log
  USING (workspace_id = app_workspace_id()) WITH CHECK (workspace_id = app_workspace_id());
--> statement-breakpoint
-- Users are global; the application role sees only co-members of the current workspace and
-- itself. Enabled, not forced: Auth.js's adapter runs as the table owner.
ALTER TABLE users ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY visible_users ON users FOR SELECT USING (
  id = app_user_id() OR EXISTS (
    SELECT 1 FROM memberships m WHERE m.user_id = users.id AND m.workspace_id = app_workspace_id()));
