DROP INDEX "template_triggers_workspace_idx";--> statement-breakpoint
DROP INDEX "template_variables_workspace_idx";--> statement-breakpoint
DROP INDEX "template_versions_workspace_idx";--> statement-breakpoint
CREATE INDEX "template_triggers_workspace_template_idx" ON "template_triggers" USING btree ("workspace_id","template_id");--> statement-breakpoint
CREATE INDEX "template_variables_workspace_template_idx" ON "template_variables" USING btree ("workspace_id","template_id");--> statement-breakpoint
CREATE INDEX "template_versions_workspace_template_idx" ON "template_versions" USING btree ("workspace_id","template_id");