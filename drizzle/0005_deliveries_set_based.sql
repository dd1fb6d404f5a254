ALTER TABLE "deliveries" DROP CONSTRAINT "deliveries_chat_id_chats_id_fk";
--> statement-breakpoint
CREATE INDEX "deliveries_subject_idx" ON "deliveries" USING btree ("kind","subject_id");--> statement-breakpoint
-- What the foreign key did, set-based. An insert (one statement, however many rows) makes sure
-- none of its chats can be deleted or change id until it commits, as the key check's locks did,
-- then drops rows whose chat is gone (forgotten while the insert ran). A few rows lock their
-- chats (FOR KEY SHARE); a broadcast locks the table against writes instead (SHARE: one lock, not
-- a tuple write per chat), for the moment until it commits.
CREATE FUNCTION "deliveries_chat_guard"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF (SELECT count(*) FROM new_rows) > 1000 THEN
    LOCK TABLE chats IN SHARE MODE;
  ELSE
    PERFORM 1 FROM chats c WHERE c.id IN (SELECT DISTINCT n.chat_id FROM new_rows n) FOR KEY SHARE OF c;
  END IF;
  DELETE FROM deliveries d USING new_rows n
    WHERE d.id = n.id AND NOT EXISTS (SELECT 1 FROM chats c WHERE c.id = n.chat_id);
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER "deliveries_chat_guard" AFTER INSERT ON "deliveries"
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "deliveries_chat_guard"();
--> statement-breakpoint
-- The cascade: a chat deleted takes its rows along; a chat whose id changes (a group that became
-- a supergroup) keeps them under the new id.
CREATE FUNCTION "chats_cascade_deliveries"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    DELETE FROM deliveries WHERE chat_id = OLD.id;
    RETURN OLD;
  END IF;
  IF NEW.id <> OLD.id THEN
    UPDATE deliveries SET chat_id = NEW.id WHERE chat_id = OLD.id;
  END IF;
  RETURN NEW;
END $$;
--> statement-breakpoint
CREATE TRIGGER "chats_cascade_deliveries" AFTER DELETE OR UPDATE OF "id" ON "chats"
  FOR EACH ROW EXECUTE FUNCTION "chats_cascade_deliveries"();
