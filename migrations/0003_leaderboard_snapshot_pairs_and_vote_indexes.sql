ALTER TABLE "leaderboard_snapshots" ADD COLUMN "pairs" jsonb;--> statement-breakpoint
ALTER TABLE "leaderboard_snapshots" ADD COLUMN "left_wins" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "leaderboard_snapshots" ADD COLUMN "right_wins" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
CREATE INDEX "votes_tally" ON "votes" USING btree ("arena","challenge_id","left_model_id","right_model_id","outcome") WHERE "votes"."counted";--> statement-breakpoint
CREATE INDEX "votes_left_generation" ON "votes" USING btree ("left_generation_id");--> statement-breakpoint
CREATE INDEX "votes_right_generation" ON "votes" USING btree ("right_generation_id");--> statement-breakpoint
-- The leaderboard job reads votes_tally by index-only scan, which skips the table only for
-- pages the visibility map marks all-visible: vacuum an append-only votes table after 2% new
-- rows rather than the default 20%, so the recent, unvacuumed tail stays small.
ALTER TABLE "votes" SET (autovacuum_vacuum_insert_scale_factor = 0.02);
