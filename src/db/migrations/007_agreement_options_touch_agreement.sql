-- A change to an agreement's language options is a change to the agreement: its row is written too,
-- so the transaction id of the agreement's row (xmin) names the last change to either. Reads of lists
-- of agreements fingerprint only the agreements' rows (docs/decisions/0014-http-read-cache.md).
CREATE FUNCTION agreement_options_touch_agreement() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP <> 'INSERT' THEN
    UPDATE agreements SET id = id WHERE call_id = OLD.call_id AND id = OLD.agreement_id;
  END IF;
  IF TG_OP <> 'DELETE' THEN
    UPDATE agreements SET id = id WHERE call_id = NEW.call_id AND id = NEW.agreement_id;
  END IF;
  RETURN NULL;
END;
$$;

CREATE TRIGGER agreement_options_touch_agreement
  AFTER INSERT OR UPDATE OR DELETE ON agreement_language_options
  FOR EACH ROW EXECUTE FUNCTION agreement_options_touch_agreement();
