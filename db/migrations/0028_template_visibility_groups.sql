CREATE TYPE "public"."template_visibility" AS ENUM('personal', 'everyone', 'admins');--> statement-breakpoint
CREATE TABLE "scheduled_tasks" (
	"name" text PRIMARY KEY NOT NULL,
	"last_run_at" timestamp with time zone NOT NULL,
	"last_run_by" text NOT NULL
);
--> statement-breakpoint
ALTER TABLE "templates" ADD COLUMN "owner_id" text;--> statement-breakpoint
ALTER TABLE "templates" ADD COLUMN "visibility" "template_visibility" DEFAULT 'everyone' NOT NULL;--> statement-breakpoint
ALTER TABLE "templates" ADD COLUMN "group_id" uuid DEFAULT gen_random_uuid() NOT NULL;--> statement-breakpoint
ALTER TABLE "templates" ADD CONSTRAINT "templates_owner_id_users_id_fk" FOREIGN KEY ("owner_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "templates_workspace_group_idx" ON "templates" USING btree ("workspace_id","group_id");--> statement-breakpoint
CREATE INDEX "templates_owner_idx" ON "templates" USING btree ("owner_id") WHERE "templates"."owner_id" is not null;--> statement-breakpoint
ALTER TABLE "templates" ADD CONSTRAINT "templates_personal_owner_check" CHECK (("templates"."visibility" = 'personal') = ("templates"."owner_id" is not null));