-- Votes are an append-only record: corrections are new rows or flags elsewhere, never edits.
CREATE OR REPLACE FUNCTION votes_refuse_change() RETURNS trigger AS $$
BEGIN
  RAISE EXCEPTION 'votes are append-only (% refused)', TG_OP USING ERRCODE = 'raise_exception';
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER votes_append_only
  BEFORE UPDATE OR DELETE ON votes
  FOR EACH ROW EXECUTE FUNCTION votes_refuse_change();
