-- A counter that moves whenever what battles can be drawn from may have changed: a challenge
-- inserted, deleted or updated (status, category), a generation inserted, deleted or its
-- status updated. API processes keep the open answers in memory and rebuild them only when it
-- moved. A sequence, not a row: bumping it takes no lock, so generations finishing in parallel
-- never wait on one another. One bump per statement, however many rows it touched.
CREATE SEQUENCE IF NOT EXISTS "open_answers_version";
--> statement-breakpoint
CREATE OR REPLACE FUNCTION bump_open_answers_version() RETURNS trigger AS $$
BEGIN
  PERFORM nextval('open_answers_version');
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER challenges_open_answers
  AFTER INSERT OR DELETE OR UPDATE OF status, category_id, arena ON challenges
  FOR EACH STATEMENT EXECUTE FUNCTION bump_open_answers_version();
--> statement-breakpoint
CREATE TRIGGER generations_open_answers
  AFTER INSERT OR DELETE OR UPDATE OF status ON generations
  FOR EACH STATEMENT EXECUTE FUNCTION bump_open_answers_version();
