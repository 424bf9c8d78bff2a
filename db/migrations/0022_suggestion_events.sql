CREATE TABLE "suggestion_events" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"workspace_id" uuid NOT NULL,
	"conversation_id" text,
	"text" text NOT NULL,
	"text_hash" text NOT NULL,
	"tokens" text[] NOT NULL,
	"suggested_template_ids" uuid[] NOT NULL,
	"confident" boolean NOT NULL,
	"model_version" integer,
	"requested_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"decided_at" timestamp with time zone,
	"chosen_template_id" uuid,
	"decided_by" text,
	CONSTRAINT "suggestion_events_workspace_id_id_key" UNIQUE("workspace_id","id")
);
--> statement-breakpoint
ALTER TABLE "suggestion_events" ADD CONSTRAINT "suggestion_events_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "suggestion_events" ADD CONSTRAINT "suggestion_events_requested_by_users_id_fk" FOREIGN KEY ("requested_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "suggestion_events" ADD CONSTRAINT "suggestion_events_decided_by_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "suggestion_events" ADD CONSTRAINT "suggestion_events_chosen_template_fk" FOREIGN KEY ("workspace_id","chosen_template_id") REFERENCES "public"."templates"("workspace_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "suggestion_events_workspace_created_idx" ON "suggestion_events" USING btree ("workspace_id","created_at");--> statement-breakpoint
CREATE INDEX "suggestion_events_workspace_chosen_idx" ON "suggestion_events" USING btree ("workspace_id","decided_at") WHERE "suggestion_events"."chosen_template_id" is not null;--> statement-breakpoint
CREATE INDEX "suggestion_events_workspace_hash_idx" ON "suggestion_events" USING btree ("workspace_id","text_hash");