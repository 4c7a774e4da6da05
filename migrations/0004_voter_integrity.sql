ALTER TABLE "battles" ADD COLUMN "left_seen_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "battles" ADD COLUMN "right_seen_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "generations" ADD COLUMN "serving_bytes" integer;--> statement-breakpoint
ALTER TABLE "voters" ADD COLUMN "suspected_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "voters" ADD COLUMN "suspicion" jsonb;--> statement-breakpoint
ALTER TABLE "voters" ADD COLUMN "cleared_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "voters" ADD COLUMN "cleared_by" uuid;--> statement-breakpoint
ALTER TABLE "voters" ADD COLUMN "human_check_required_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "voters" ADD COLUMN "human_checked_at" timestamp with time zone;--> statement-breakpoint
CREATE INDEX "voters_suspected" ON "voters" USING btree ("id") WHERE "voters"."suspected_at" is not null;--> statement-breakpoint
CREATE INDEX "votes_voter_created" ON "votes" USING btree ("voter_id","created_at");