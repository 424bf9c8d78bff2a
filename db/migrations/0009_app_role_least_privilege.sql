-- The application role (parley_app) gets exactly what the app does with each table, granted
-- table by table, and nothing by default:
-- * no default privileges: a table added by a later migration is unreachable for the app role
--   until that migration grants it (next to its RLS statements), instead of silently getting
--   full rights. Tables that earlier migrations created keep the rights they were given;
-- * audit_log is append-only for the app: SELECT and INSERT, no UPDATE, DELETE or TRUNCATE.
--   Deleting a workspace still removes its audit rows: foreign-key cascades run as the owner;
-- * users: every column but password_hash (column privileges; a column added later needs its
--   own GRANT SELECT (column)). Password hashes are read and written only by the connection's
--   own role, outside tenant transactions (server/auth/password-store.ts), so a query as
--   parley_app can never return a co-member's hash.
ALTER DEFAULT PRIVILEGES IN SCHEMA public REVOKE ALL ON TABLES FROM parley_app;
--> statement-breakpoint
ALTER DEFAULT PRIVILEGES IN SCHEMA public REVOKE ALL ON SEQUENCES FROM parley_app;
--> statement-breakpoint
-- The template tables had their rights from the default privileges; now they are explicit.
GRANT SELECT, INSERT, UPDATE, DELETE ON
  workspaces, memberships, invitations, api_keys,
  template_categories, templates, template_versions, template_variables, template_triggers,
  template_search_terms
TO parley_app;
--> statement-breakpoint
REVOKE UPDATE, DELETE, TRUNCATE ON audit_log FROM parley_app;
--> statement-breakpoint
GRANT SELECT, INSERT ON audit_log TO parley_app;
--> statement-breakpoint
REVOKE ALL ON users FROM parley_app;
--> statement-breakpoint
DO $$
DECLARE col text;
BEGIN
  FOR col IN
    SELECT column_name FROM information_schema.columns
    WHERE table_schema = 'public' AND table_name = 'users' AND column_name <> 'password_hash'
  LOOP
    EXECUTE format('GRANT SELECT (%I) ON users TO parley_app', col);
  END LOOP;
END
$$;
