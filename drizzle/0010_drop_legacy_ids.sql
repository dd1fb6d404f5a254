-- Issue 12, contract: the legacy clear id columns go. Safe only once src/db/convert.ts has emptied
-- them, which start-up does between 0009 and this one (src/app.ts, migrateDatabase); a store that
-- still holds a clear id stops here, with nothing changed, rather than lose it.
DO $$
BEGIN
  IF EXISTS (SELECT 1 FROM chats WHERE id IS NOT NULL) OR EXISTS (SELECT 1 FROM subscriptions WHERE chat_id IS NOT NULL)
    OR EXISTS (SELECT 1 FROM deliveries WHERE chat_id IS NOT NULL) OR EXISTS (SELECT 1 FROM kv_state WHERE chat_id IS NOT NULL)
    OR EXISTS (SELECT 1 FROM editors WHERE user_id IS NOT NULL OR added_by IS NOT NULL) OR EXISTS (SELECT 1 FROM audit_log WHERE actor_id IS NOT NULL)
    OR EXISTS (SELECT 1 FROM updates WHERE created_by IS NOT NULL) OR EXISTS (SELECT 1 FROM feeds WHERE added_by IS NOT NULL)
    OR EXISTS (SELECT 1 FROM reviews WHERE author_id IS NOT NULL OR reviewer_id IS NOT NULL) THEN
    RAISE EXCEPTION 'clear Telegram ids are left: convert them first (npm run keys:convert, or start the bot), then migrate again';
  END IF;
END $$;
--> statement-breakpoint
DROP INDEX "chats_legacy_id_idx";--> statement-breakpoint
DROP INDEX "deliveries_legacy_chat_idx";--> statement-breakpoint
DROP INDEX "kv_state_chat_idx";--> statement-breakpoint
DROP INDEX "subscriptions_legacy_chat_idx";--> statement-breakpoint
ALTER TABLE "audit_log" ADD COLUMN "subject_sealed" text;--> statement-breakpoint
ALTER TABLE "kv_state" ADD COLUMN "chat_sealed" text;--> statement-breakpoint
-- Every ref now has its sealed id beside it, so that keys:rotate can re-key it. Rows written
-- before take a sealed text of the same id from a row that has one (a copy of a sealed text shows
-- no more than the shared ref already did); a chat's dialogue state or an owner's conversation
-- with no such row goes (the next question stands alone; the conversation starts again).
UPDATE "kv_state" k SET "chat_sealed" = c."sealed" FROM "chats" c WHERE k."chat_ref" = c."ref" AND k."chat_sealed" IS NULL;--> statement-breakpoint
UPDATE "kv_state" k SET "chat_sealed" = e."sealed" FROM "editors" e WHERE k."chat_ref" = e."user_ref" AND k."chat_sealed" IS NULL;--> statement-breakpoint
DELETE FROM "kv_state" WHERE "chat_ref" IS NOT NULL AND "chat_sealed" IS NULL;--> statement-breakpoint
UPDATE "audit_log" a SET "subject_sealed" = e."sealed" FROM "editors" e
  WHERE a."action" IN ('editor.add', 'editor.remove') AND a."subject" = e."user_ref" AND a."subject_sealed" IS NULL;--> statement-breakpoint
UPDATE "audit_log" a SET "subject_sealed" = c."sealed" FROM "chats" c
  WHERE a."action" IN ('editor.add', 'editor.remove') AND a."subject" = c."ref" AND a."subject_sealed" IS NULL;--> statement-breakpoint
UPDATE "audit_log" a SET "subject_sealed" = (SELECT b."actor_sealed" FROM "audit_log" b WHERE b."actor_ref" = a."subject" AND b."actor_sealed" IS NOT NULL LIMIT 1)
  WHERE a."action" IN ('editor.add', 'editor.remove') AND a."subject_sealed" IS NULL;--> statement-breakpoint
-- Who had added a removed editor is the actor of their editor.add row: kept there, with a sealed id, not here as a bare ref.
UPDATE "audit_log" SET "before" = "before" - 'addedBy' WHERE "action" = 'editor.remove' AND "before" IS NOT NULL;--> statement-breakpoint
ALTER TABLE "audit_log" DROP COLUMN "actor_id";--> statement-breakpoint
ALTER TABLE "chats" DROP COLUMN "id";--> statement-breakpoint
ALTER TABLE "deliveries" DROP COLUMN "chat_id";--> statement-breakpoint
ALTER TABLE "editors" DROP COLUMN "user_id";--> statement-breakpoint
ALTER TABLE "editors" DROP COLUMN "added_by";--> statement-breakpoint
ALTER TABLE "feeds" DROP COLUMN "added_by";--> statement-breakpoint
ALTER TABLE "kv_state" DROP COLUMN "chat_id";--> statement-breakpoint
ALTER TABLE "reviews" DROP COLUMN "author_id";--> statement-breakpoint
ALTER TABLE "reviews" DROP COLUMN "reviewer_id";--> statement-breakpoint
ALTER TABLE "subscriptions" DROP COLUMN "chat_id";--> statement-breakpoint
ALTER TABLE "updates" DROP COLUMN "created_by";--> statement-breakpoint
-- 0009's cascade without the legacy id's branch (the column is gone).
CREATE OR REPLACE FUNCTION "chats_cascade_deliveries"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    DELETE FROM deliveries WHERE chat_ref = OLD.ref;
    RETURN OLD;
  END IF;
  IF NEW.ref IS DISTINCT FROM OLD.ref THEN
    UPDATE deliveries SET chat_ref = NEW.ref WHERE chat_ref = OLD.ref;
  END IF;
  RETURN NEW;
END $$;
