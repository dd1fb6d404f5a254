-- One rule for "ahead" (src/case/hearings.ts upcomingUntil): the start, or the end of the local day when no time is known.
-- Existing rows: starts_at is local midnight for a hearing without a time, so a day later is the end of that day (no DST in Asia/Almaty).
ALTER TABLE "hearings" ADD COLUMN "upcoming_until" timestamp with time zone;--> statement-breakpoint
UPDATE "hearings" SET "upcoming_until" = CASE WHEN "time" IS NULL THEN "starts_at" + interval '1 day' ELSE "starts_at" END;--> statement-breakpoint
ALTER TABLE "hearings" ALTER COLUMN "upcoming_until" SET NOT NULL;
