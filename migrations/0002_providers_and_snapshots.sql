CREATE TABLE "leaderboard_snapshots" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"arena" text NOT NULL,
	"scope" text NOT NULL,
	"method" text NOT NULL,
	"computed_at" timestamp with time zone NOT NULL,
	"vote_count" integer NOT NULL,
	"params" jsonb NOT NULL,
	"rows" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "rating_history" (
	"snapshot_id" uuid NOT NULL,
	"model_id" uuid NOT NULL,
	"arena" text NOT NULL,
	"scope" text NOT NULL,
	"computed_at" timestamp with time zone NOT NULL,
	"rating" double precision NOT NULL,
	"ci_low" double precision NOT NULL,
	"ci_high" double precision NOT NULL,
	"rank" integer NOT NULL,
	"votes" integer NOT NULL,
	CONSTRAINT "rating_history_snapshot_id_model_id_pk" PRIMARY KEY("snapshot_id","model_id")
);
--> statement-breakpoint
ALTER TABLE "generation_tries" ADD COLUMN "request_settled" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "generation_tries" ADD COLUMN "resumed" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "generation_tries" ADD COLUMN "size_used" text;--> statement-breakpoint
ALTER TABLE "generation_tries" ADD COLUMN "resolution" text;--> statement-breakpoint
ALTER TABLE "generations" ADD COLUMN "size_mapping" jsonb;--> statement-breakpoint
ALTER TABLE "offerings" ADD COLUMN "size_support" jsonb;--> statement-breakpoint
ALTER TABLE "rating_history" ADD CONSTRAINT "rating_history_snapshot_id_leaderboard_snapshots_id_fk" FOREIGN KEY ("snapshot_id") REFERENCES "public"."leaderboard_snapshots"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rating_history" ADD CONSTRAINT "rating_history_model_id_models_id_fk" FOREIGN KEY ("model_id") REFERENCES "public"."models"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "leaderboard_snapshots_latest" ON "leaderboard_snapshots" USING btree ("arena","scope","computed_at");--> statement-breakpoint
CREATE INDEX "rating_history_model" ON "rating_history" USING btree ("model_id","arena","scope","computed_at");