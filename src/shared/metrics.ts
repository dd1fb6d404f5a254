/**
 * What the bot and delivery report for the operator's metrics, in their own terms: the
 * Prometheus registry behind it is made in app.ts (server/metrics.ts), so nothing below the entry
 * points knows prom-client. Every label is a small closed set: never a chat id, a user id or text.
 */
export type AnswerOutcome = "answered" | "several_topics" | "did_you_mean" | "unknown" | "small_talk" | "out_of_scope" | "too_long";
export type SendOutcome = "ok" | "429" | "403" | "migrated" | "4xx" | "5xx" | "timeout";
export type UpdateKind = "message" | "command" | "edited_message" | "callback_query" | "inline_query" | "my_chat_member" | "channel_post" | "other";

export interface Metrics {
  update(kind: UpdateKind): void;
  /** One free-text question answered (or not), the language and script it was read in, and how long it took. */
  answer(outcome: AnswerOutcome, lang: string, script: string | undefined, seconds: number): void;
  /** One Bot API call of the sender's, by what Telegram said. */
  send(outcome: SendOutcome): void;
}

