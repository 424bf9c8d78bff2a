-- Topics of runs whose messages carry no dates (labelled and FAQ datasets): a size, no halves.
ALTER TABLE "analysis_patterns" ALTER COLUMN "previous" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "analysis_patterns" ALTER COLUMN "current" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "analysis_patterns" ADD COLUMN "size" integer;--> statement-breakpoint
-- Older runs saved only dated topics, and counted their dated messages. The owner running the
-- migration is subject to the forced policy (no workspace set: no rows), so it is lifted for
-- this one statement, inside the migration's transaction.
ALTER TABLE "analysis_patterns" NO FORCE ROW LEVEL SECURITY;--> statement-breakpoint
UPDATE "analysis_patterns" SET "size" = "previous" + "current";--> statement-breakpoint
ALTER TABLE "analysis_patterns" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "analysis_patterns" ALTER COLUMN "size" SET NOT NULL;
