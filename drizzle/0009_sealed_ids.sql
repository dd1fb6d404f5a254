-- Issue 12, expand: every Telegram id gets a blind index (`*_ref`, what rows are found and joined
-- by) and, where the id itself is needed to send or to show, a sealed text (`*_sealed`). The
-- clear columns stay, nullable, only so that rows written before can be converted in place
-- (src/db/convert.ts, run after migrations); the app never writes them, and a later migration
-- drops them.
ALTER TABLE "subscriptions" DROP CONSTRAINT "subscriptions_chat_id_chats_id_fk";
--> statement-breakpoint
DROP INDEX "deliveries_idempotency_key";--> statement-breakpoint
ALTER TABLE "chats" DROP CONSTRAINT "chats_pkey";--> statement-breakpoint
ALTER TABLE "chats" ALTER COLUMN "id" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "deliveries" ALTER COLUMN "chat_id" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "editors" DROP CONSTRAINT "editors_pkey";--> statement-breakpoint
ALTER TABLE "editors" ALTER COLUMN "user_id" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "reviews" ALTER COLUMN "author_id" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "subscriptions" DROP CONSTRAINT "subscriptions_pkey";--> statement-breakpoint
ALTER TABLE "subscriptions" ALTER COLUMN "chat_id" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "audit_log" ADD COLUMN "actor_ref" text;--> statement-breakpoint
ALTER TABLE "audit_log" ADD COLUMN "actor_sealed" text;--> statement-breakpoint
ALTER TABLE "chats" ADD COLUMN "ref" text;--> statement-breakpoint
ALTER TABLE "chats" ADD COLUMN "sealed" text;--> statement-breakpoint
ALTER TABLE "deliveries" ADD COLUMN "chat_ref" text;--> statement-breakpoint
ALTER TABLE "editors" ADD COLUMN "user_ref" text;--> statement-breakpoint
ALTER TABLE "editors" ADD COLUMN "sealed" text;--> statement-breakpoint
ALTER TABLE "editors" ADD COLUMN "added_by_ref" text;--> statement-breakpoint
ALTER TABLE "editors" ADD COLUMN "added_by_sealed" text;--> statement-breakpoint
ALTER TABLE "feeds" ADD COLUMN "added_by_ref" text;--> statement-breakpoint
ALTER TABLE "feeds" ADD COLUMN "added_by_sealed" text;--> statement-breakpoint
ALTER TABLE "kv_state" ADD COLUMN "chat_ref" text;--> statement-breakpoint
ALTER TABLE "reviews" ADD COLUMN "author_ref" text;--> statement-breakpoint
ALTER TABLE "reviews" ADD COLUMN "author_sealed" text;--> statement-breakpoint
ALTER TABLE "reviews" ADD COLUMN "reviewer_ref" text;--> statement-breakpoint
ALTER TABLE "reviews" ADD COLUMN "reviewer_sealed" text;--> statement-breakpoint
ALTER TABLE "subscriptions" ADD COLUMN "chat_ref" text;--> statement-breakpoint
ALTER TABLE "updates" ADD COLUMN "created_by_ref" text;--> statement-breakpoint
ALTER TABLE "updates" ADD COLUMN "created_by_sealed" text;--> statement-breakpoint
CREATE INDEX "chats_legacy_id_idx" ON "chats" USING btree ("id") WHERE "chats"."id" is not null;--> statement-breakpoint
CREATE INDEX "deliveries_legacy_chat_idx" ON "deliveries" USING btree ("chat_id") WHERE "deliveries"."chat_id" is not null;--> statement-breakpoint
CREATE INDEX "kv_state_chat_ref_idx" ON "kv_state" USING btree ("chat_ref");--> statement-breakpoint
CREATE INDEX "subscriptions_legacy_chat_idx" ON "subscriptions" USING btree ("chat_id") WHERE "subscriptions"."chat_id" is not null;--> statement-breakpoint
CREATE UNIQUE INDEX "deliveries_idempotency_key" ON "deliveries" USING btree ("chat_ref","kind","subject_id","subject_version","lead");--> statement-breakpoint
ALTER TABLE "chats" ADD CONSTRAINT "chats_ref_unique" UNIQUE("ref");--> statement-breakpoint
ALTER TABLE "editors" ADD CONSTRAINT "editors_user_ref_unique" UNIQUE("user_ref");--> statement-breakpoint
ALTER TABLE "subscriptions" ADD CONSTRAINT "subscriptions_chat_ref_unique" UNIQUE("chat_ref");--> statement-breakpoint
ALTER TABLE "subscriptions" ADD CONSTRAINT "subscriptions_chat_ref_chats_ref_fk" FOREIGN KEY ("chat_ref") REFERENCES "public"."chats"("ref") ON DELETE cascade ON UPDATE cascade;--> statement-breakpoint
-- 0005's set-based stand-ins for the outbox's foreign key, now on the ref. A row not yet
-- converted (chat_ref null) is left alone by the guard; the conversion fills its ref.
CREATE OR REPLACE FUNCTION "deliveries_chat_guard"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF (SELECT count(*) FROM new_rows) > 1000 THEN
    LOCK TABLE chats IN SHARE MODE;
  ELSE
    PERFORM 1 FROM chats c WHERE c.ref IN (SELECT DISTINCT n.chat_ref FROM new_rows n) FOR KEY SHARE OF c;
  END IF;
  DELETE FROM deliveries d USING new_rows n
    WHERE d.id = n.id AND n.chat_ref IS NOT NULL AND NOT EXISTS (SELECT 1 FROM chats c WHERE c.ref = n.chat_ref);
  RETURN NULL;
END $$;
--> statement-breakpoint
DROP TRIGGER "chats_cascade_deliveries" ON "chats";
--> statement-breakpoint
-- A chat deleted takes its rows along (by ref, or by the legacy id while it is not converted); a
-- chat whose ref changes (a key rotation, a group that became a supergroup) keeps them.
CREATE OR REPLACE FUNCTION "chats_cascade_deliveries"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    IF OLD.ref IS NOT NULL THEN
      DELETE FROM deliveries WHERE chat_ref = OLD.ref;
    END IF;
    IF OLD.id IS NOT NULL THEN
      DELETE FROM deliveries WHERE chat_id = OLD.id;
    END IF;
    RETURN OLD;
  END IF;
  IF OLD.ref IS NOT NULL AND NEW.ref IS DISTINCT FROM OLD.ref THEN
    UPDATE deliveries SET chat_ref = NEW.ref WHERE chat_ref = OLD.ref;
  END IF;
  RETURN NEW;
END $$;
--> statement-breakpoint
CREATE TRIGGER "chats_cascade_deliveries" AFTER DELETE OR UPDATE OF "ref" ON "chats"
  FOR EACH ROW EXECUTE FUNCTION "chats_cascade_deliveries"();
