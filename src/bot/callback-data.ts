/**
 * Every button's callback data, in one place: how it is written and how it is matched. Shapes
 * are short (Telegram allows 64 bytes) and stable: a button sent months ago must still parse, and
 * anything that does not parse is an old or forged button and gets the "out of date" answer.
 */
import type { Action } from "../render/buttons.js";
import type { Lang } from "../shared/lang.js";

const LANG = "(en|kk|ru)";
const ID = "([a-z0-9-]+)";

export const cb = {
  /** `t:<topic>:<lang>`: a topic's answer. */
  topic: (id: string, lang: Lang) => `t:${id}:${lang}`,
  /** `m:<lang>`: the topic menu. */
  menu: (lang: Lang) => `m:${lang}`,
  /** `lang:<choice>`: the chat's language, Kazakh with its script (`lang:kk:arab`; render/languages.ts). */
  language: (choice: string) => `lang:${choice}`,
  /** An .ics file: `cal:next` for the next hearing when pressed, `cal:h:<id>` for one hearing. */
  calendar: (hearingId?: string) => (hearingId ? `cal:h:${hearingId}` : "cal:next"),
  /** The Kazakh answer to a topic, transliterated into Latin or Arabic script. */
  translit: (id: string, script: "latn" | "arab") => `tr:${id}:${script}`,
  /** "Get reminders" under answers: subscribe this chat. */
  subscribe: "sub:open",
  /** Subscribe a channel the person administers (from a forwarded post). */
  subscribeChannel: (channelId: number) => `sub:ch:${channelId}`,
  /** `nw:<d|i>:<item>`: draft an update from a news item, or ignore it. */
  news: (item: number, verb: "draft" | "ignore") => `nw:${verb[0]}:${item}`,
  /** `rv:<a|r>:<review>`: approve or reject a broadcast waiting for review. */
  review: (review: number, verb: "approve" | "reject") => `rv:${verb[0]}:${review}`,
  forgetYes: "forget:yes",
  forgetNo: "forget:no",
  /** /close_case: confirm, or keep the case open. */
  caseClose: "case:close",
  caseKeep: "case:keep",
} as const;

/** The patterns features match, with the parts as groups. */
export const cbPattern = {
  topic: new RegExp(`^t:${ID}:${LANG}$`),
  menu: new RegExp(`^m:${LANG}$`),
  /** A bare `lang:kk` is a button from before scripts were offered. */
  language: /^lang:(en|ru|kk(?::(?:cyrl|latn|arab))?)$/,
  calendar: new RegExp(`^cal:(next|h:${ID})$`),
  translit: new RegExp(`^tr:${ID}:(latn|arab)$`),
  subscribeChannel: /^sub:ch:(-100\d+)$/,
  news: /^nw:(d|i):(\d+)$/,
  review: /^rv:(a|r):(\d+)$/,
  settings: /^set:(-?\d+):([a-z])(?::([A-Za-z0-9@:]+))?$/,
};

/**
 * The settings menu names its target chat (the chat itself, or a channel managed from a private
 * chat) and an operation; operations are one letter on the wire to leave room for the target id.
 */
export const SETTINGS_OP = {
  reminders: "r",
  updates: "u",
  /** `l:<lead code>`: a lead time on or off. */
  lead: "l",
  /** `g` opens the language choice, `g:<lang>` sets it. */
  language: "g",
  back: "v",
  done: "x",
} as const;
export type SettingsOp = keyof typeof SETTINGS_OP;

export function settingsData(target: number, op: SettingsOp, arg?: string): string {
  return `set:${target}:${SETTINGS_OP[op]}${arg === undefined ? "" : `:${arg}`}`;
}

/** The operation a settings button's letter names, or undefined for an unknown one. */
export function settingsOp(letter: string): SettingsOp | undefined {
  return (Object.keys(SETTINGS_OP) as SettingsOp[]).find((k) => SETTINGS_OP[k] === letter);
}

/** Buttons inside an editor conversation start with this; /cancel's button is `cv:cancel`. */
export const CV = "cv:";
export const CANCEL_DATA = `${CV}cancel`;

/** A rendered button's action as callback data. */
export function actionData(a: Action): string {
  switch (a.kind) {
    case "topic":
      return cb.topic(a.topic, a.lang);
    case "menu":
      return cb.menu(a.lang);
    case "subscribe":
      return cb.subscribe;
    case "calendar":
      return cb.calendar(a.hearing);
    case "news":
      return cb.news(a.item, a.verb);
    case "review":
      return cb.review(a.review, a.verb);
    case "translit":
      return cb.translit(a.topic, a.script);
  }
}
