ALTER TABLE "battles" ADD COLUMN "address_key" text;--> statement-breakpoint
ALTER TABLE "votes" ADD COLUMN "address_key" text;--> statement-breakpoint
CREATE INDEX "battles_address_issued" ON "battles" USING btree ("address_key","issued_at") WHERE "battles"."address_key" is not null;--> statement-breakpoint
CREATE INDEX "votes_address_created" ON "votes" USING btree ("address_key","created_at") WHERE "votes"."address_key" is not null;