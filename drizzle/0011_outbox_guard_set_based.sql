-- Issue 13: the outbox's chat guard (0005, on the ref since 0009) dropped the rows whose chat is
-- gone with `DELETE … USING new_rows WHERE NOT EXISTS (…)`. The planner has no statistics for a
-- transition table, and right after `ANALYZE` of an empty (or just purged) outbox it planned that
-- delete as a loop over the whole outbox for every inserted row: 100,000 reminders took 8 minutes
-- to enqueue instead of 2 seconds. The guard now finds the rows of gone chats first (an anti-join
-- of the inserted rows with chats, by the unique index on chats.ref) and deletes only those, by id,
-- which is nothing at all in the usual case. The locks are as before.
CREATE OR REPLACE FUNCTION "deliveries_chat_guard"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  gone bigint[];
BEGIN
  IF (SELECT count(*) FROM new_rows) > 1000 THEN
    LOCK TABLE chats IN SHARE MODE;
  ELSE
    PERFORM 1 FROM chats c WHERE c.ref IN (SELECT DISTINCT n.chat_ref FROM new_rows n) FOR KEY SHARE OF c;
  END IF;
  SELECT array_agg(n.id) INTO gone FROM new_rows n
    WHERE n.chat_ref IS NOT NULL AND NOT EXISTS (SELECT 1 FROM chats c WHERE c.ref = n.chat_ref);
  IF gone IS NOT NULL THEN
    DELETE FROM deliveries WHERE id = ANY (gone);
  END IF;
  RETURN NULL;
END $$;
