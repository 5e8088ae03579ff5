ALTER TABLE "consent_events" ADD COLUMN "address_hash" text;--> statement-breakpoint
ALTER TABLE "consent_events" ADD COLUMN "mailed_at" timestamp with time zone;