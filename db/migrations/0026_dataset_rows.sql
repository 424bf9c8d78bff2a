CREATE TABLE "dataset_rows" (
	"workspace_id" uuid NOT NULL,
	"dataset_id" uuid NOT NULL,
	"seq" integer NOT NULL,
	"line" integer NOT NULL,
	"data" jsonb NOT NULL,
	CONSTRAINT "dataset_rows_workspace_id_dataset_id_seq_pk" PRIMARY KEY("workspace_id","dataset_id","seq")
);
--> statement-breakpoint
CREATE TABLE "dataset_upload_chunks" (
	"workspace_id" uuid NOT NULL,
	"dataset_id" uuid NOT NULL,
	"seq" integer NOT NULL,
	"data" "bytea" NOT NULL,
	CONSTRAINT "dataset_upload_chunks_workspace_id_dataset_id_seq_pk" PRIMARY KEY("workspace_id","dataset_id","seq")
);
--> statement-breakpoint
ALTER TABLE "datasets" ADD COLUMN "file_name" text;--> statement-breakpoint
ALTER TABLE "datasets" ADD COLUMN "encoding" text;--> statement-breakpoint
ALTER TABLE "datasets" ADD COLUMN "job_id" uuid;--> statement-breakpoint
ALTER TABLE "datasets" ADD COLUMN "duplicate_of_id" uuid;--> statement-breakpoint
ALTER TABLE "datasets" ADD COLUMN "label_mapping" jsonb DEFAULT '{}'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "dataset_rows" ADD CONSTRAINT "dataset_rows_dataset_fk" FOREIGN KEY ("workspace_id","dataset_id") REFERENCES "public"."datasets"("workspace_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dataset_upload_chunks" ADD CONSTRAINT "dataset_upload_chunks_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dataset_upload_chunks" ADD CONSTRAINT "dataset_upload_chunks_dataset_fk" FOREIGN KEY ("workspace_id","dataset_id") REFERENCES "public"."datasets"("workspace_id","id") ON DELETE cascade ON UPDATE no action;