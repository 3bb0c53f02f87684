-- An agreement's language options are also kept on its own row, as a JSON array in their order,
-- by the trigger of migration 007 (which already wrote the row at every change of an option).
-- A statement that locks an agreement's row after waiting for another transaction sees that row as
-- the other left it, but any other table as it was when the statement began: with the options on
-- the row, one statement locks an agreement and reads all of it, current (decision 0015).
ALTER TABLE agreements ADD COLUMN language_options jsonb;

-- The options of one agreement as its row keeps them: [{language, minLevel}] by position; none: null.
CREATE FUNCTION agreement_language_options_json(call text, agreement text) RETURNS jsonb
LANGUAGE sql STABLE AS $$
  SELECT jsonb_agg(jsonb_build_object('language', o.language, 'minLevel', o.min_level) ORDER BY o.position)
  FROM agreement_language_options o
  WHERE o.call_id = call AND o.agreement_id = agreement
$$;

UPDATE agreements SET language_options = agreement_language_options_json(call_id, id);

CREATE OR REPLACE FUNCTION agreement_options_touch_agreement() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP <> 'INSERT' THEN
    UPDATE agreements SET language_options = agreement_language_options_json(call_id, id)
    WHERE call_id = OLD.call_id AND id = OLD.agreement_id;
  END IF;
  IF TG_OP <> 'DELETE' THEN
    UPDATE agreements SET language_options = agreement_language_options_json(call_id, id)
    WHERE call_id = NEW.call_id AND id = NEW.agreement_id;
  END IF;
  RETURN NULL;
END;
$$;
