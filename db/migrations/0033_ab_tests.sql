CREATE TABLE "ab_test_assignments" (
	"workspace_id" uuid NOT NULL,
	"test_id" uuid NOT NULL,
	"conversation_id" uuid NOT NULL,
	"variant_id" uuid NOT NULL,
	"assigned_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "ab_test_assignments_workspace_id_test_id_conversation_id_pk" PRIMARY KEY("workspace_id","test_id","conversation_id")
);
--> statement-breakpoint
CREATE TABLE "ab_test_variants" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"workspace_id" uuid NOT NULL,
	"test_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"label" text NOT NULL,
	"content" text NOT NULL,
	"weight" integer NOT NULL,
	"source_version" integer,
	CONSTRAINT "ab_test_variants_workspace_id_id_key" UNIQUE("workspace_id","id"),
	CONSTRAINT "ab_test_variants_weight_check" CHECK ("ab_test_variants"."weight" > 0)
);
--> statement-breakpoint
CREATE TABLE "ab_tests" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"workspace_id" uuid NOT NULL,
	"template_id" uuid NOT NULL,
	"name" text NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"metric" text NOT NULL,
	"alpha" double precision DEFAULT 0.05 NOT NULL,
	"power" double precision DEFAULT 0.8 NOT NULL,
	"mde" double precision NOT NULL,
	"base_rate" double precision,
	"sd" double precision,
	"planned_per_variant" integer NOT NULL,
	"started_at" timestamp with time zone,
	"stopped_at" timestamp with time zone,
	"winner_variant_id" uuid,
	"promoted_version" integer,
	"created_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "ab_tests_workspace_id_id_key" UNIQUE("workspace_id","id"),
	CONSTRAINT "ab_tests_status_check" CHECK ("ab_tests"."status" in ('draft','running','stopped','completed')),
	CONSTRAINT "ab_tests_metric_check" CHECK ("ab_tests"."metric" in ('resolution_rate','csat','acceptance'))
);
--> statement-breakpoint
ALTER TABLE "ab_test_assignments" ADD CONSTRAINT "ab_test_assignments_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ab_test_assignments" ADD CONSTRAINT "ab_test_assignments_test_fk" FOREIGN KEY ("workspace_id","test_id") REFERENCES "public"."ab_tests"("workspace_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ab_test_assignments" ADD CONSTRAINT "ab_test_assignments_variant_fk" FOREIGN KEY ("workspace_id","variant_id") REFERENCES "public"."ab_test_variants"("workspace_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ab_test_assignments" ADD CONSTRAINT "ab_test_assignments_conversation_fk" FOREIGN KEY ("workspace_id","conversation_id") REFERENCES "public"."conversations"("workspace_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ab_test_variants" ADD CONSTRAINT "ab_test_variants_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ab_test_variants" ADD CONSTRAINT "ab_test_variants_test_fk" FOREIGN KEY ("workspace_id","test_id") REFERENCES "public"."ab_tests"("workspace_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ab_tests" ADD CONSTRAINT "ab_tests_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ab_tests" ADD CONSTRAINT "ab_tests_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ab_tests" ADD CONSTRAINT "ab_tests_template_fk" FOREIGN KEY ("workspace_id","template_id") REFERENCES "public"."templates"("workspace_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "ab_test_variants_position_idx" ON "ab_test_variants" USING btree ("workspace_id","test_id","position");--> statement-breakpoint
CREATE INDEX "ab_tests_workspace_template_idx" ON "ab_tests" USING btree ("workspace_id","template_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "ab_tests_one_running_idx" ON "ab_tests" USING btree ("workspace_id","template_id") WHERE "ab_tests"."status" = 'running';