DROP INDEX "deliveries_due_idx";--> statement-breakpoint
CREATE INDEX "deliveries_pending_idx" ON "deliveries" USING btree ("next_attempt_at") WHERE "deliveries"."status" = 'pending';--> statement-breakpoint
-- Room in each page for the claim's update of a row (attempts and lease, no indexed column):
-- the new row version stays on its page without new index entries (a HOT update).
ALTER TABLE "deliveries" SET (fillfactor = 70);
