-- Issue 13: reminders leave the subject index. An enqueue writes one row per subscriber, and each
-- index it maintains costs per row: this one was some 110 ms of backend CPU per 100,000 reminders
-- (of 740). Nothing looks reminders up by subject except cancelling older versions of a hearing,
-- which reads only pending rows (the queue index holds them); updates, their copies and notices,
-- looked up by subject for progress and /stats, stay indexed.
DROP INDEX "deliveries_subject_idx";--> statement-breakpoint
CREATE INDEX "deliveries_subject_idx" ON "deliveries" USING btree ("kind","subject_id") WHERE kind <> 'reminder';
