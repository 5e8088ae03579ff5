CREATE TABLE "consent_events" (
	"seq" bigserial PRIMARY KEY NOT NULL,
	"visitor_id" text NOT NULL,
	"purpose_id" text NOT NULL,
	"decision" text NOT NULL,
	"version" integer NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"form_id" text,
	"locale" text,
	"text_hash" text,
	"source" text
);
--> statement-breakpoint
CREATE TABLE "consent_texts" (
	"hash" text PRIMARY KEY NOT NULL,
	"purpose_id" text NOT NULL,
	"version" integer NOT NULL,
	"locale" text NOT NULL,
	"text" text NOT NULL,
	"first_seen" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "downloads" (
	"seq" bigserial PRIMARY KEY NOT NULL,
	"visitor_id" text,
	"form_id" text NOT NULL,
	"via" text NOT NULL,
	"at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "erasures" (
	"id" text PRIMARY KEY NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"fields" integer NOT NULL,
	"consent_events" integer NOT NULL,
	"submissions" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "field_values" (
	"visitor_id" text NOT NULL,
	"field_id" text NOT NULL,
	"value" jsonb,
	"declined" boolean DEFAULT false NOT NULL,
	"collected_at" timestamp with time zone NOT NULL,
	"form_id" text NOT NULL,
	CONSTRAINT "field_values_visitor_id_field_id_pk" PRIMARY KEY("visitor_id","field_id")
);
--> statement-breakpoint
CREATE TABLE "submissions" (
	"id" text PRIMARY KEY NOT NULL,
	"visitor_id" text,
	"idempotency_key" text,
	"form_id" text NOT NULL,
	"visit" integer NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"locale" text NOT NULL,
	"field_ids" jsonb NOT NULL,
	"declined" jsonb NOT NULL,
	"consents" jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "visitors" (
	"id" text PRIMARY KEY NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"visits" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
ALTER TABLE "consent_events" ADD CONSTRAINT "consent_events_visitor_id_visitors_id_fk" FOREIGN KEY ("visitor_id") REFERENCES "public"."visitors"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "downloads" ADD CONSTRAINT "downloads_visitor_id_visitors_id_fk" FOREIGN KEY ("visitor_id") REFERENCES "public"."visitors"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "field_values" ADD CONSTRAINT "field_values_visitor_id_visitors_id_fk" FOREIGN KEY ("visitor_id") REFERENCES "public"."visitors"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "submissions" ADD CONSTRAINT "submissions_visitor_id_visitors_id_fk" FOREIGN KEY ("visitor_id") REFERENCES "public"."visitors"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "consent_events_visitor_idx" ON "consent_events" USING btree ("visitor_id","seq");--> statement-breakpoint
CREATE INDEX "downloads_form_idx" ON "downloads" USING btree ("form_id");--> statement-breakpoint
CREATE UNIQUE INDEX "submissions_idempotency_idx" ON "submissions" USING btree ("visitor_id","idempotency_key");--> statement-breakpoint
CREATE UNIQUE INDEX "submissions_visit_idx" ON "submissions" USING btree ("visitor_id","visit");--> statement-breakpoint
CREATE INDEX "submissions_form_idx" ON "submissions" USING btree ("form_id","visit");