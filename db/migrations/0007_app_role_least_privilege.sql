-- The application role (parley_app) gets exactly what the app does with each table, granted
-- table by table, and nothing by default:
-- * no default privileges: a table added by a later migration is unreachable for the app role
--   until that migration grants it (next to its RLS statements), instead of silently getting
--   full rights;
-- * audit_log is append-only for the app: SELECT and INSERT, no UPDATE or DELETE. Deleting a
--   workspace still removes its audit rows: foreign-key cascades run as the table owner;
-- * users: every column but password_hash. Password hashes are read and written only by the
--   connection's own role, outside tenant transactions (server/auth/credentials.ts,
--   server/workspaces/accounts.ts), so a query as parley_app can never return a co-member's hash.
ALTER DEFAULT PRIVILEGES IN SCHEMA public REVOKE ALL ON TABLES FROM parley_app;
--> statement-breakpoint
ALTER DEFAULT PRIVILEGES IN SCHEMA public REVOKE ALL ON SEQUENCES FROM parley_app;
--> statement-breakpoint
REVOKE ALL ON ALL TABLES IN SCHEMA public FROM parley_app;
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON
  workspaces, memberships, invitations, api_keys,
  template_categories, templates, template_versions, template_variables, template_triggers,
  template_search_terms
TO parley_app;
--> statement-breakpoint
GRANT SELECT, INSERT ON audit_log TO parley_app;
--> statement-breakpoint
GRANT SELECT (id, name, email, email_verified, image, created_at) ON users TO parley_app;
