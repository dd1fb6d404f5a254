ALTER TABLE "events" ALTER COLUMN "date" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "sources" ALTER COLUMN "published" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "events" ADD COLUMN "precision" text DEFAULT 'day' NOT NULL;--> statement-breakpoint
ALTER TABLE "events" ADD COLUMN "after_event" text;--> statement-breakpoint
ALTER TABLE "sources" DROP COLUMN "file";--> statement-breakpoint
-- Hand-written backfill (not generated): `published` was free text, "January 2026" in the content
-- file and whatever an editor typed from Telegram ("15 February 2026"). It now holds a day
-- (YYYY-MM-DD) or a month (YYYY-MM). A value none of these forms reads, or that names no real
-- day, becomes null: the source is then cited without a date (its audit row keeps what was typed)
-- and an export of it fails to import until someone gives the date.
DO $$
DECLARE
  r record;
  v text;
BEGIN
  FOR r IN SELECT "id", btrim("published") AS p FROM "sources" LOOP
    BEGIN
      v := CASE
        WHEN r.p ~ '^\d{4}-(0[1-9]|1[0-2])$' THEN r.p
        WHEN r.p ~ '^\d{4}-\d{2}-\d{2}$' THEN to_char(r.p::date, 'YYYY-MM-DD')
        WHEN r.p ~* '^(january|february|march|april|may|june|july|august|september|october|november|december) \d{4}$'
          THEN to_char(to_date(r.p, 'FMMonth YYYY'), 'YYYY-MM')
        WHEN r.p ~* '^\d{1,2} (january|february|march|april|may|june|july|august|september|october|november|december) \d{4}$'
          THEN to_char(to_date(r.p, 'FMDD FMMonth YYYY'), 'YYYY-MM-DD')
        WHEN r.p ~ '^\d{1,2}[./]\d{1,2}[./]\d{4}$'
          THEN to_char(to_date(translate(r.p, '/', '.'), 'FMDD.FMMM.YYYY'), 'YYYY-MM-DD')
        ELSE NULL
      END;
    EXCEPTION WHEN others THEN
      v := NULL;
    END;
    UPDATE "sources" SET "published" = v WHERE "id" = r."id";
  END LOOP;
END $$;
