CREATE TABLE "address_index" (
	"address_hash" text NOT NULL,
	"visitor_id" text NOT NULL,
	"field_id" text NOT NULL,
	CONSTRAINT "address_index_address_hash_visitor_id_field_id_pk" PRIMARY KEY("address_hash","visitor_id","field_id")
);
--> statement-breakpoint
CREATE TABLE "audit_events" (
	"seq" bigserial PRIMARY KEY NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"actor" text NOT NULL,
	"action" text NOT NULL,
	"address_hash" text,
	"purpose_id" text,
	"detail" jsonb NOT NULL
);
--> statement-breakpoint
ALTER TABLE "erasures" ADD COLUMN "kind" text DEFAULT 'visitor' NOT NULL;--> statement-breakpoint
ALTER TABLE "erasures" ADD COLUMN "address_hash" text;--> statement-breakpoint
ALTER TABLE "erasures" ADD COLUMN "requested_by" text;--> statement-breakpoint
ALTER TABLE "erasures" ADD COLUMN "reason" text;--> statement-breakpoint
ALTER TABLE "erasures" ADD COLUMN "profiles" integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE "erasures" ADD COLUMN "counts" jsonb;--> statement-breakpoint
ALTER TABLE "address_index" ADD CONSTRAINT "address_index_visitor_id_visitors_id_fk" FOREIGN KEY ("visitor_id") REFERENCES "public"."visitors"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "address_index_visitor_idx" ON "address_index" USING btree ("visitor_id","field_id");--> statement-breakpoint
CREATE INDEX "audit_events_address_idx" ON "audit_events" USING btree ("address_hash");--> statement-breakpoint
CREATE INDEX "erasures_at_idx" ON "erasures" USING btree ("at");--> statement-breakpoint
-- The privacy desk's audit log is proof of what was done with a person's data: rows are
-- appended, never changed or removed (written by hand; drizzle-kit does not generate triggers).
CREATE FUNCTION "trickle_audit_events_append_only"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_events is append-only: record a new entry instead of changing or removing one';
END;
$$;
--> statement-breakpoint
CREATE TRIGGER "audit_events_append_only" BEFORE UPDATE OR DELETE ON "audit_events"
  FOR EACH ROW EXECUTE FUNCTION "trickle_audit_events_append_only"();
--> statement-breakpoint
CREATE TRIGGER "audit_events_no_truncate" BEFORE TRUNCATE ON "audit_events"
  FOR EACH STATEMENT EXECUTE FUNCTION "trickle_audit_events_append_only"();
