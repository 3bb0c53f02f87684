-- Every agreement's row carries a version: a fresh random value at every write. An edit computed
-- from an agreement as it was read is committed only if the row is still at the version read
-- (decision 0016): the editor commits a batch of edits of agreements it knows in one statement,
-- without reading them first.
-- A writer may choose the version it writes (the editor does, to know it without reading it back);
-- any other write, whoever makes it (the importer, the trigger of the language options, SQL by
-- hand), gets a new one from the trigger below.
ALTER TABLE agreements ADD COLUMN version uuid NOT NULL DEFAULT gen_random_uuid();

CREATE FUNCTION agreement_new_version() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.version IS NOT DISTINCT FROM OLD.version THEN
    NEW.version := gen_random_uuid();
  END IF;
  RETURN NEW;
END;
$$;

CREATE TRIGGER agreement_new_version BEFORE UPDATE ON agreements
  FOR EACH ROW EXECUTE FUNCTION agreement_new_version();

-- Lets one statement refuse itself: `raise_unless(ok, message)` is true when ok is, and otherwise
-- raises serialization_failure (SQLSTATE 40001), so that everything the statement did is undone.
CREATE FUNCTION raise_unless(ok boolean, message text) RETURNS boolean
LANGUAGE plpgsql VOLATILE AS $$
BEGIN
  IF ok IS NOT TRUE THEN
    RAISE EXCEPTION USING ERRCODE = 'serialization_failure', MESSAGE = message;
  END IF;
  RETURN true;
END;
$$;
