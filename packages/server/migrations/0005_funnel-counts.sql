CREATE TABLE "funnel_counts" (
	"day" text NOT NULL,
	"form_id" text NOT NULL,
	"visit" integer NOT NULL,
	"locale" text NOT NULL,
	"metric" text NOT NULL,
	"field_id" text DEFAULT '' NOT NULL,
	"count" integer NOT NULL,
	CONSTRAINT "funnel_counts_day_form_id_visit_locale_metric_field_id_pk" PRIMARY KEY("day","form_id","visit","locale","metric","field_id")
);
