CREATE TABLE "analytics_daily" (
	"workspace_id" uuid NOT NULL,
	"day" date NOT NULL,
	"template_id" uuid,
	"template_version" integer,
	"category_id" uuid,
	"agent_id" text,
	"shown" integer DEFAULT 0 NOT NULL,
	"inserted" integer DEFAULT 0 NOT NULL,
	"sent" integer DEFAULT 0 NOT NULL,
	"edited" integer DEFAULT 0 NOT NULL,
	"edit_distance_sum" bigint DEFAULT 0 NOT NULL,
	"conversations" integer DEFAULT 0 NOT NULL,
	"resolved" integer DEFAULT 0 NOT NULL,
	"reopened" integer DEFAULT 0 NOT NULL,
	"csat_sum" integer DEFAULT 0 NOT NULL,
	"csat_count" integer DEFAULT 0 NOT NULL,
	"response_ms_sum" bigint DEFAULT 0 NOT NULL,
	"response_count" integer DEFAULT 0 NOT NULL,
	"computed_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "template_usage_events" ADD COLUMN "category_id" uuid;--> statement-breakpoint
ALTER TABLE "template_usage_events" ADD COLUMN "template_version" integer;--> statement-breakpoint
ALTER TABLE "template_usage_events" ADD COLUMN "model_version" integer;--> statement-breakpoint
ALTER TABLE "template_usage_events" ADD COLUMN "response_ms" integer;--> statement-breakpoint
ALTER TABLE "template_usage_events" ADD COLUMN "first_use" boolean;--> statement-breakpoint
ALTER TABLE "analytics_daily" ADD CONSTRAINT "analytics_daily_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "analytics_daily_day_idx" ON "analytics_daily" USING btree ("workspace_id","day");--> statement-breakpoint
CREATE INDEX "analytics_daily_template_idx" ON "analytics_daily" USING btree ("workspace_id","template_id","day");--> statement-breakpoint
CREATE INDEX "template_usage_events_time_idx" ON "template_usage_events" USING btree ("workspace_id","created_at");--> statement-breakpoint
CREATE INDEX "template_usage_events_created_brin" ON "template_usage_events" USING brin ("created_at");