-- Sessions are per user, not per workspace: a user (withUser, app.user_id) sees and changes
-- only their own rows. Forced, so even the table owner's connection goes through the policy.
ALTER TABLE user_sessions ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE user_sessions FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
DROP POLICY IF EXISTS own_sessions ON user_sessions;
--> statement-breakpoint
CREATE POLICY own_sessions ON user_sessions
  USING (user_id = app_user_id()) WITH CHECK (user_id = app_user_id());
--> statement-breakpoint
-- Grants per table (not only the default privileges of 0001): exactly what server/auth/sessions.ts does.
REVOKE ALL ON user_sessions FROM parley_app;
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON user_sessions TO parley_app;
