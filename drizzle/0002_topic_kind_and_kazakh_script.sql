ALTER TABLE "chats" ADD COLUMN "kk_script" text;--> statement-breakpoint
ALTER TABLE "topics" ADD COLUMN "kind" text DEFAULT 'case' NOT NULL;