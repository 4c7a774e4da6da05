-- Hiding or disqualifying an answer changes what battles can be drawn from as much as its
-- status does: the generations trigger of 0006 now fires on those columns too, so every path
-- that sets them moves the open answers' version, not only those that remember to.
DROP TRIGGER IF EXISTS generations_open_answers ON generations;
--> statement-breakpoint
CREATE TRIGGER generations_open_answers
  AFTER INSERT OR DELETE OR UPDATE OF status, hidden_at, disqualified_at ON generations
  FOR EACH STATEMENT EXECUTE FUNCTION bump_open_answers_version();
