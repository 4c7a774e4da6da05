-- A vote's voter, challenge, category, generations and models are copied from its battle, in
-- the statement that locks the battle row; the battle's foreign keys (and its generations')
-- already hold them. Checking them again took seven row locks per vote on rows all votes share.
ALTER TABLE "votes" DROP CONSTRAINT "votes_voter_id_voters_id_fk";
--> statement-breakpoint
ALTER TABLE "votes" DROP CONSTRAINT "votes_challenge_id_challenges_id_fk";
--> statement-breakpoint
ALTER TABLE "votes" DROP CONSTRAINT "votes_category_id_categories_id_fk";
--> statement-breakpoint
ALTER TABLE "votes" DROP CONSTRAINT "votes_left_model_id_models_id_fk";
--> statement-breakpoint
ALTER TABLE "votes" DROP CONSTRAINT "votes_right_model_id_models_id_fk";
--> statement-breakpoint
ALTER TABLE "votes" DROP CONSTRAINT "votes_left_generation_id_generations_id_fk";
--> statement-breakpoint
ALTER TABLE "votes" DROP CONSTRAINT "votes_right_generation_id_generations_id_fk";
