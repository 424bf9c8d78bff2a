-- Rows that point at another tenant row reference it by (workspace_id, id), so the database
-- refuses a template of one workspace pointing at another workspace's category (or a version,
-- variable or trigger at another workspace's template) even with RLS bypassed. The parents get
-- unique (workspace_id, id) first, which the new keys reference.
ALTER TABLE "template_categories" ADD CONSTRAINT "template_categories_workspace_id_id_key" UNIQUE("workspace_id","id");--> statement-breakpoint
ALTER TABLE "templates" ADD CONSTRAINT "templates_workspace_id_id_key" UNIQUE("workspace_id","id");--> statement-breakpoint
ALTER TABLE "template_triggers" DROP CONSTRAINT "template_triggers_template_id_templates_id_fk";
--> statement-breakpoint
ALTER TABLE "template_variables" DROP CONSTRAINT "template_variables_template_id_templates_id_fk";
--> statement-breakpoint
ALTER TABLE "template_versions" DROP CONSTRAINT "template_versions_template_id_templates_id_fk";
--> statement-breakpoint
ALTER TABLE "templates" DROP CONSTRAINT "templates_category_id_template_categories_id_fk";
--> statement-breakpoint
ALTER TABLE "template_triggers" ADD CONSTRAINT "template_triggers_template_fk" FOREIGN KEY ("workspace_id","template_id") REFERENCES "public"."templates"("workspace_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "template_variables" ADD CONSTRAINT "template_variables_template_fk" FOREIGN KEY ("workspace_id","template_id") REFERENCES "public"."templates"("workspace_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "template_versions" ADD CONSTRAINT "template_versions_template_fk" FOREIGN KEY ("workspace_id","template_id") REFERENCES "public"."templates"("workspace_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
-- SET NULL (category_id), PostgreSQL 15+: deleting a category clears the template's category
-- and keeps its workspace_id (a plain SET NULL would null both and violate NOT NULL).
-- drizzle-kit cannot write the column list; the schema declares the key with "set null".
ALTER TABLE "templates" ADD CONSTRAINT "templates_category_fk" FOREIGN KEY ("workspace_id","category_id") REFERENCES "public"."template_categories"("workspace_id","id") ON DELETE SET NULL ("category_id") ON UPDATE no action;
