-- The consent ledger is proof (GDPR Art. 7(1)): rows are appended, never changed.
-- Rows leave only with their visitor (an erasure deletes the visitor and cascades).
CREATE FUNCTION "trickle_consent_events_append_only"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'consent_events is append-only: record a new event instead of changing one';
END;
$$;
--> statement-breakpoint
CREATE TRIGGER "consent_events_append_only" BEFORE UPDATE ON "consent_events"
  FOR EACH ROW EXECUTE FUNCTION "trickle_consent_events_append_only"();
