ALTER TABLE "battles" ADD COLUMN "shown_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "vote_voids" ADD COLUMN "undone_by" uuid;--> statement-breakpoint
ALTER TABLE "rating_changes" ADD COLUMN "reverses" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "votes" ADD COLUMN "overall_delta" double precision;--> statement-breakpoint
ALTER TABLE "votes" ADD COLUMN "category_delta" double precision;--> statement-breakpoint
ALTER TABLE "vote_voids" ADD CONSTRAINT "vote_voids_undone_by_voters_id_fk" FOREIGN KEY ("undone_by") REFERENCES "public"."voters"("id") ON DELETE no action ON UPDATE no action;