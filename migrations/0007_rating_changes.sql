CREATE TABLE "rating_changes" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "rating_changes_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"vote_id" uuid NOT NULL,
	"arena" text NOT NULL,
	"scope" text NOT NULL,
	"left_model_id" uuid NOT NULL,
	"right_model_id" uuid NOT NULL,
	"outcome" text NOT NULL,
	"delta" double precision NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
-- Battle images are now encoded at a faster WebP setting, whose files are larger: lengths
-- measured at the old setting would put every variant over its challenge's budget. Measured
-- again, lazily, when a challenge's budget is next needed (challenges/image-byte-budget.ts).
UPDATE "generations" SET "serving_bytes" = NULL WHERE "serving_bytes" IS NOT NULL;
