import type { Lang } from "../shared/lang.js";

/**
 * Buttons as the renderers mean them, not as Telegram encodes them: the bot turns an action into
 * callback data (bot/callback-data.ts), a web page could turn it into a link.
 */
export type Action =
  /** Show a topic's answer in a language. */
  | { kind: "topic"; topic: string; lang: Lang }
  /** Show the topic menu. */
  | { kind: "menu"; lang: Lang }
  /** Subscribe the chat the button is in. */
  | { kind: "subscribe" }
  /** An .ics file: one hearing, or the next one when pressed. */
  | { kind: "calendar"; hearing?: string }
  /** A topic's Kazakh answer in another script. */
  | { kind: "translit"; topic: string; script: "latn" | "arab" }
  /** An editor's answer to a news item the feed watcher found. */
  | { kind: "news"; item: number; verb: "draft" | "ignore" }
  /** A reviewer's answer to a broadcast waiting for approval. */
  | { kind: "review"; review: number; verb: "approve" | "reject" };

export type Button =
  | { text: string; action: Action }
  | { text: string; url: string }
  /** Opens Telegram's chat picker with `@bot <query>` typed in: the inline cards. */
  | { text: string; share: string };

/** Rows of buttons; empty rows are never kept. */
export type Buttons = Button[][];

/** Builds rows of buttons: `add` fills the current row, `row` starts the next. */
export class Rows {
  private readonly rows: Button[][] = [[]];
  add(...buttons: Button[]): this {
    this.rows[this.rows.length - 1]!.push(...buttons);
    return this;
  }
  row(): this {
    if (this.rows[this.rows.length - 1]!.length) this.rows.push([]);
    return this;
  }
  append(buttons: Buttons): this {
    for (const r of buttons) if (r.length) this.row().add(...r);
    return this.row();
  }
  done(): Buttons {
    return this.rows.filter((r) => r.length > 0);
  }
}

/** A message the bot writes: Telegram HTML and its buttons. */
export interface Rendered {
  html: string;
  buttons: Buttons;
}
