ALTER TABLE "battles" ADD COLUMN "left_seen_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "battles" ADD COLUMN "right_seen_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "generations" ADD COLUMN "serving_bytes" integer;--> statement-breakpoint
ALTER TABLE "voters" ADD COLUMN "suspected_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "voters" ADD COLUMN "suspicion" jsonb;--> statement-breakpoint
ALTER TABLE "voters" ADD COLUMN "cleared_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "voters" ADD COLUMN "cleared_by" uuid;--> statement-breakpoint
ALTER TABLE "voters" ADD COLUMN "human_check_required_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "voters" ADD COLUMN "human_checked_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "voters" ADD COLUMN "votes_cast" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "voters" ADD COLUMN "votes_screened" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
CREATE INDEX "voters_suspected" ON "voters" USING btree ("id") WHERE "voters"."suspected_at" is not null;--> statement-breakpoint
CREATE INDEX "voters_unscreened" ON "voters" USING btree ("id") WHERE "voters"."votes_cast" > "voters"."votes_screened";--> statement-breakpoint
CREATE INDEX "votes_voter_created" ON "votes" USING btree ("voter_id","created_at");--> statement-breakpoint
-- Each voter's vote counter, the screening watermark's other half: one grouped update per
-- INSERT statement (a bulk insert of a million votes costs one update per voter, not per vote).
CREATE OR REPLACE FUNCTION votes_count_per_voter() RETURNS trigger AS $$
BEGIN
  UPDATE voters SET votes_cast = voters.votes_cast + cast_now.n
  FROM (SELECT voter_id, count(*)::int AS n FROM inserted_votes GROUP BY voter_id) cast_now
  WHERE voters.id = cast_now.voter_id;
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER votes_count_per_voter
  AFTER INSERT ON votes REFERENCING NEW TABLE AS inserted_votes
  FOR EACH STATEMENT EXECUTE FUNCTION votes_count_per_voter();
