-- An agreement's language options are also kept on its own row, as a JSON array in their order,
-- by the trigger of migration 007 (which already wrote the row at every change of an option).
-- A statement that locks an agreement's row after waiting for another transaction sees that row as
-- the other left it, but any other table as it was when the statement began: with the options on
-- the row, one statement locks an agreement and reads all of it, current (decision 0015).
ALTER TABLE agreements ADD COLUMN language_options jsonb;

UPDATE agreements a SET language_options = (
  SELECT jsonb_agg(jsonb_build_object('language', o.language, 'minLevel', o.min_level) ORDER BY o.position)
  FROM agreement_language_options o
  WHERE o.call_id = a.call_id AND o.agreement_id = a.id);

CREATE OR REPLACE FUNCTION agreement_options_touch_agreement() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP <> 'INSERT' THEN
    UPDATE agreements a SET language_options = (
      SELECT jsonb_agg(jsonb_build_object('language', o.language, 'minLevel', o.min_level) ORDER BY o.position)
      FROM agreement_language_options o
      WHERE o.call_id = a.call_id AND o.agreement_id = a.id)
    WHERE a.call_id = OLD.call_id AND a.id = OLD.agreement_id;
  END IF;
  IF TG_OP <> 'DELETE' THEN
    UPDATE agreements a SET language_options = (
      SELECT jsonb_agg(jsonb_build_object('language', o.language, 'minLevel', o.min_level) ORDER BY o.position)
      FROM agreement_language_options o
      WHERE o.call_id = a.call_id AND o.agreement_id = a.id)
    WHERE a.call_id = NEW.call_id AND a.id = NEW.agreement_id;
  END IF;
  RETURN NULL;
END;
$$;
