-- What a suggestion reads besides the model (the active templates with their triggers and
-- variables, the AI switches, agents' decided choices) is kept in each web process's memory per
-- workspace (server/suggestions/workspace-inputs.ts). Every change to it announces the
-- workspace on parley_suggestion_inputs, delivered at commit, so each process drops that
-- workspace's copy, whichever process or tool wrote it. A notification carries only the id;
-- PostgreSQL folds identical ones within a transaction, so a bulk import sends one.
CREATE FUNCTION parley_suggestion_inputs_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('parley_suggestion_inputs', COALESCE(NEW.workspace_id, OLD.workspace_id)::text);
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER suggestion_inputs_changed AFTER INSERT OR UPDATE OR DELETE ON templates
  FOR EACH ROW EXECUTE FUNCTION parley_suggestion_inputs_changed();
--> statement-breakpoint
CREATE TRIGGER suggestion_inputs_changed AFTER INSERT OR UPDATE OR DELETE ON template_triggers
  FOR EACH ROW EXECUTE FUNCTION parley_suggestion_inputs_changed();
--> statement-breakpoint
CREATE TRIGGER suggestion_inputs_changed AFTER INSERT OR UPDATE OR DELETE ON template_variables
  FOR EACH ROW EXECUTE FUNCTION parley_suggestion_inputs_changed();
--> statement-breakpoint
CREATE TRIGGER suggestion_inputs_changed AFTER INSERT OR UPDATE OR DELETE ON ai_settings
  FOR EACH ROW EXECUTE FUNCTION parley_suggestion_inputs_changed();
--> statement-breakpoint
-- Only decisions matter (feedback sets chosen_template_id and decided_at); the inserts that
-- record every answer do not change what later answers read.
CREATE TRIGGER suggestion_inputs_changed AFTER UPDATE OF chosen_template_id, decided_at ON suggestion_events
  FOR EACH ROW EXECUTE FUNCTION parley_suggestion_inputs_changed();
