CREATE TABLE "analysis_insights" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"workspace_id" uuid NOT NULL,
	"run_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"impact" real NOT NULL,
	"basis" jsonb NOT NULL,
	"text" text NOT NULL,
	"narrated_by" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "analysis_patterns" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"workspace_id" uuid NOT NULL,
	"run_id" uuid NOT NULL,
	"topic" text NOT NULL,
	"key_phrases" text[] NOT NULL,
	"previous" integer NOT NULL,
	"current" integer NOT NULL,
	"change_ratio" real,
	"growing" boolean NOT NULL,
	"series" jsonb NOT NULL,
	"answered" boolean NOT NULL
);
--> statement-breakpoint
CREATE TABLE "analysis_runs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"workspace_id" uuid NOT NULL,
	"source" text NOT NULL,
	"dataset_id" uuid,
	"period_from" timestamp with time zone,
	"period_to" timestamp with time zone,
	"status" text DEFAULT 'running' NOT NULL,
	"messages" integer DEFAULT 0 NOT NULL,
	"unconfident" integer DEFAULT 0 NOT NULL,
	"summary" jsonb,
	"model_version" integer,
	"seconds" real,
	"error" text,
	"created_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"finished_at" timestamp with time zone,
	CONSTRAINT "analysis_runs_workspace_id_id_key" UNIQUE("workspace_id","id")
);
--> statement-breakpoint
CREATE TABLE "gap_messages" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"workspace_id" uuid NOT NULL,
	"gap_id" uuid NOT NULL,
	"text" text NOT NULL,
	"source_ref" text NOT NULL,
	"reply" text,
	"similarity" real NOT NULL,
	"at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "knowledge_gaps" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"workspace_id" uuid NOT NULL,
	"run_id" uuid NOT NULL,
	"size" integer NOT NULL,
	"key_phrases" text[] NOT NULL,
	"examples" jsonb NOT NULL,
	"severity" real NOT NULL,
	"cohesion" real NOT NULL,
	"failure_rate" real NOT NULL,
	"trend" jsonb,
	"suggested_action" jsonb NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"resolved_template_id" uuid,
	"decided_by" text,
	"decided_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "knowledge_gaps_workspace_id_id_key" UNIQUE("workspace_id","id")
);
--> statement-breakpoint
ALTER TABLE "analysis_insights" ADD CONSTRAINT "analysis_insights_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "analysis_insights" ADD CONSTRAINT "analysis_insights_run_fk" FOREIGN KEY ("workspace_id","run_id") REFERENCES "public"."analysis_runs"("workspace_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "analysis_patterns" ADD CONSTRAINT "analysis_patterns_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "analysis_patterns" ADD CONSTRAINT "analysis_patterns_run_fk" FOREIGN KEY ("workspace_id","run_id") REFERENCES "public"."analysis_runs"("workspace_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "analysis_runs" ADD CONSTRAINT "analysis_runs_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "analysis_runs" ADD CONSTRAINT "analysis_runs_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "gap_messages" ADD CONSTRAINT "gap_messages_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "gap_messages" ADD CONSTRAINT "gap_messages_gap_fk" FOREIGN KEY ("workspace_id","gap_id") REFERENCES "public"."knowledge_gaps"("workspace_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "knowledge_gaps" ADD CONSTRAINT "knowledge_gaps_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "knowledge_gaps" ADD CONSTRAINT "knowledge_gaps_decided_by_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "knowledge_gaps" ADD CONSTRAINT "knowledge_gaps_run_fk" FOREIGN KEY ("workspace_id","run_id") REFERENCES "public"."analysis_runs"("workspace_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "analysis_insights_workspace_run_idx" ON "analysis_insights" USING btree ("workspace_id","run_id");--> statement-breakpoint
CREATE INDEX "analysis_patterns_workspace_run_idx" ON "analysis_patterns" USING btree ("workspace_id","run_id");--> statement-breakpoint
CREATE INDEX "analysis_runs_workspace_created_idx" ON "analysis_runs" USING btree ("workspace_id","created_at");--> statement-breakpoint
CREATE INDEX "gap_messages_workspace_gap_idx" ON "gap_messages" USING btree ("workspace_id","gap_id");--> statement-breakpoint
CREATE INDEX "knowledge_gaps_workspace_status_idx" ON "knowledge_gaps" USING btree ("workspace_id","status","severity");