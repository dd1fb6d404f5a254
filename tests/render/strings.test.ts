/**
 * Every string the bot writes, in every language and every script a reader reads it in, checked
 * for two things a reader sees at once: a word of another script (English left inside Kazakh or
 * Russian, Cyrillic left inside English or Latin-script Kazakh), and quotation marks of one kind
 * nested in each other («…«…»…»). Names, links, hashtags, commands and the bot's username are
 * allowed in any script.
 *
 * What is rendered: a whole session with the bot per language (every command, every topic button,
 * the settings menu, inline cards), then what the bot sends on its own (reminders, change notices,
 * "a date is set", updates), the calendar file's texts, and every locale string — each against
 * hearings in every state the record can hold.
 */
import { describe, expect, it } from "vitest";
import type { InlineQueryResultArticle } from "grammy/types";
import { importCase } from "../../src/case/content/import.js";
import { createContentStore, type ContentSnapshot } from "../../src/case/content/store.js";
import { hearingInstants, type Hearing } from "../../src/case/hearings.js";
import type { SourceRow, UpdateRow } from "../../src/db/schema.js";
import { createI18n, readLocale } from "../../src/i18n.js";
import { buildCards } from "../../src/render/cards.js";
import { hearingEvent } from "../../src/render/calendar.js";
import { KAZAKH_NAMES, LANGUAGE_NAMES } from "../../src/render/languages.js";
import { renderHearingChanged, renderReminder, renderUpdate, type NoticeContext } from "../../src/render/notices.js";
import { transliterateHtml } from "../../src/render/script.js";
import { sourcesList } from "../../src/render/sources.js";
import { renderTimeline } from "../../src/render/timeline.js";
import { renderTopic, type LiveFacts } from "../../src/render/topic.js";
import { htmlToText } from "../../src/shared/html.js";
import { LANGS, type Lang } from "../../src/shared/lang.js";
import { buildTestBot, caseFile, OWNER_ENV, type ApiCall } from "../support/bot.js";
import { IMPORT_NOW, useDatabase } from "../support/db.js";
import { callbackUpdate, inlineQuery, textUpdate } from "../support/updates.js";
import { TZ } from "../support/seed.js";

const LATIN = /\p{Script=Latin}/u;
const CYRILLIC = /\p{Script=Cyrillic}/u;

/**
 * How each reader reads: the language, the script, how the bot's text becomes that script, and
 * the script a word of must not be in. The scripts work (the reader's Kazakh script) adds its
 * transform here; until then the Latin and Arabic Kazakh are what the transliteration buttons send.
 */
interface Reader {
  lang: Lang;
  script: "latn" | "cyrl" | "arab";
  write: (html: string) => string;
  alien: RegExp;
}
const READERS: Reader[] = [
  { lang: "en", script: "latn", write: (s) => s, alien: CYRILLIC },
  { lang: "kk", script: "cyrl", write: (s) => s, alien: LATIN },
  { lang: "kk", script: "latn", write: (s) => transliterateHtml(s, "latn"), alien: CYRILLIC },
  { lang: "kk", script: "arab", write: (s) => transliterateHtml(s, "arab"), alien: LATIN },
  { lang: "ru", script: "cyrl", write: (s) => s, alien: LATIN },
];

/**
 * Words any script may carry: names the sources write in Latin letters, and abbreviations written
 * so in Kazakh and Russian too; the language buttons name each language in itself. Taken out
 * before words are read: links, @usernames, #hashtags, /commands, what is to be typed as it is
 * (<code>, {{slots}}), environment variables (ADMIN_IDS), and `names` given by the caller.
 */
/** Names that are names in every script: the organisations, the services a link is shared to, formats, and each language named in itself. */
const NAMES = ["Amnesty International", "Amnesty", "Telegram", "WhatsApp", "Facebook", "Atom", "RSS", "ics", "cookie", "UTC", ...Object.values(LANGUAGE_NAMES), ...Object.values(KAZAKH_NAMES)];

/** The words of `text` in the alien script, with what is allowed taken out. */
export function alienWords(text: string, alien: RegExp, names: readonly string[] = []): string[] {
  let s = htmlToText(text.replace(/<code>[^<]*<\/code>/g, " "))
    .replace(/\bhttps?:\/\/\S*/g, " ")
    .replace(/\{\{\w+\}\}/g, " ")
    .replace(/\b[A-Z][A-Z0-9]*(_[A-Z0-9]+)+\b/g, " ")
    .replace(/[@#/][\p{L}\p{N}_]+/gu, " ");
  // Longest first: "Amnesty International" before "Amnesty".
  for (const n of [...names, ...NAMES].sort((a, b) => b.length - a.length)) s = s.split(n).join(" ");
  return (s.match(/[\p{L}\p{M}'’-]+/gu) ?? []).filter((w) => alien.test(w));
}

const PAIRS: Record<Lang, Array<[string, string]>> = {
  en: [["“", "”"]],
  kk: [["«", "»"], ["„", "“"]],
  ru: [["«", "»"], ["„", "“"]],
};

/** Where a quotation mark opens inside a quotation of the same marks: «…«…»…». */
export function nestedQuotes(text: string, lang: Lang): string[] {
  const plain = htmlToText(text);
  const out: string[] = [];
  for (const [open, close] of PAIRS[lang]) {
    let depth = 0;
    for (let i = 0; i < plain.length; i++) {
      const ch = plain[i]!;
      // In Kazakh and Russian „…“ closes with the mark English opens with: read it as a close first.
      if (ch === close && depth > 0) depth--;
      else if (ch === open) {
        if (depth > 0) out.push(plain.slice(Math.max(0, i - 30), i + 30));
        depth++;
      }
    }
  }
  return out;
}

// ---- The record in every state a hearing can be in ----

/** A source an editor added from Telegram: its title as published, the same in every language. */
const EDITOR_SOURCE: SourceRow = {
  id: "example-org-2026-11-20",
  publisher: "Example News",
  title: { en: "Court sets the date", kk: "Court sets the date", ru: "Court sets the date" },
  url: "https://example.org/news/1",
  published: "2026-11-20",
  position: 9,
};

const at = (iso: string) => new Date(iso);
function hearing(id: string, o: Partial<Hearing> & Pick<Hearing, "date">): Hearing {
  return {
    id,
    time: null,
    ...hearingInstants({ date: o.date, time: o.time ?? null }, TZ),
    title: { en: "Court hearing", kk: "Сот отырысы", ru: "Судебное заседание" },
    place: { en: "Taldykorgan City Court", kk: "Талдықорған қалалық соты", ru: "Талдыкорганский городской суд" },
    status: "scheduled",
    outcome: null,
    sourceIds: ["amnesty-2026-01", EDITOR_SOURCE.id],
    review: null,
    version: 1,
    updatedAt: at("2026-01-01T00:00:00Z"),
    ...o,
  };
}

const NOW = at("2026-11-29T06:00:00Z");
const HEARINGS = {
  timed: hearing("timed", { date: "2026-12-03", time: "10:00" }),
  untimed: hearing("untimed", { date: "2026-12-01" }),
  past: hearing("past", { date: "2026-01-23" }),
  held: hearing("held", { date: "2026-11-10", time: "11:30", status: "held", outcome: { en: "The court adjourned.", kk: "Сот үзіліс жариялады.", ru: "Суд объявил перерыв." } }),
  postponed: hearing("postponed", { date: "2026-12-10", status: "postponed" }),
  cancelled: hearing("cancelled", { date: "2026-12-12", status: "cancelled" }),
} satisfies Record<string, Hearing>;
/** What the answers show: the next hearing, or each state of the latest one, or none. */
const LIVE_STATES: Array<LiveFacts["hearings"]> = [
  { next: HEARINGS.timed },
  { next: HEARINGS.untimed },
  { last: HEARINGS.past },
  { last: HEARINGS.held },
  { last: HEARINGS.postponed },
  { last: HEARINGS.cancelled },
  {},
];

const UPDATES: UpdateRow[] = [
  { id: 1, body: { en: "The court set a date.", kk: "Сот күнін белгіледі.", ru: "Суд назначил дату." }, sourceUrl: "https://example.org/news/1", publishedAt: at("2026-11-20T09:00:00Z"), revision: 1, correctedAt: null, retractedAt: null },
  // Editors may leave a language out on purpose: its readers get the English text, with a note.
  { id: 2, body: { en: "UNTRANSLATED-ENGLISH-BODY" }, sourceUrl: null, publishedAt: at("2026-11-21T09:00:00Z"), revision: 1, correctedAt: null, retractedAt: null },
  // A corrected update carries the mark with the time of the correction.
  { id: 3, body: { en: "The court set a date.", kk: "Сот күнін белгіледі.", ru: "Суд назначил дату." }, sourceUrl: null, publishedAt: at("2026-11-20T09:00:00Z"), revision: 2, correctedAt: at("2026-11-20T11:30:00Z"), retractedAt: null },
];

/** The texts a reader of `lang` gets, with where each came from, before it is written in their script. */
type Texts = Array<{ where: string; text: string }>;

function sessionTexts(calls: ApiCall[]): Texts {
  const out: Texts = [];
  for (const c of calls) {
    const p = c.payload;
    const where = `${c.method}#${out.length}`;
    if (typeof p.text === "string" && c.method !== "answerCallbackQuery") out.push({ where, text: p.text });
    if (typeof p.caption === "string") out.push({ where: `${where} caption`, text: p.caption });
    if (c.method === "answerCallbackQuery" && typeof p.text === "string") out.push({ where, text: p.text });
    const kb = (p.reply_markup as { inline_keyboard?: Array<Array<{ text: string }>> } | undefined)?.inline_keyboard;
    for (const b of kb?.flat() ?? []) out.push({ where: `${where} button`, text: b.text });
    if (c.method === "answerInlineQuery") {
      for (const r of p.results as InlineQueryResultArticle[]) {
        out.push({ where: `inline ${r.id} title`, text: r.title }, { where: `inline ${r.id} description`, text: r.description ?? "" });
        out.push({ where: `inline ${r.id}`, text: (r.input_message_content as { message_text: string }).message_text });
        for (const b of r.reply_markup?.inline_keyboard.flat() ?? []) out.push({ where: `inline ${r.id} button`, text: b.text });
      }
      const button = (p.button as { text?: string } | undefined)?.text;
      if (button) out.push({ where: "inline button", text: button });
    }
    if (c.method === "setMyCommands") for (const cmd of p.commands as Array<{ description: string }>) out.push({ where: "command menu", text: cmd.description });
  }
  return out;
}

function renderedTexts(snap: ContentSnapshot, lang: Lang): Texts {
  const i18n = createI18n();
  const t = i18n.t(lang);
  const out: Texts = [];
  const add = (where: string, r: { html: string; buttons: Array<Array<{ text: string }>> } | { skip: string }) => {
    if ("skip" in r) throw new Error(`${where}: nothing rendered (${r.skip})`);
    out.push({ where, text: r.html }, ...r.buttons.flat().map((b) => ({ where: `${where} button`, text: b.text })));
  };
  for (const [i, hearings] of LIVE_STATES.entries()) {
    const live: LiveFacts = { hearings, now: NOW, timeZone: TZ };
    for (const topic of snap.topics) add(`topic ${topic.id}, live state ${i}`, renderTopic(i18n, snap, topic, lang, live));
    for (const card of buildCards(i18n, lang, { snapshot: snap, live, latestUpdate: UPDATES[0]!, botUsername: "casebot_test_bot" })) {
      out.push({ where: `card ${card.id}, live state ${i}`, text: card.html }, { where: `card ${card.id} title`, text: card.title }, { where: `card ${card.id} description`, text: card.description });
    }
  }
  const ctx: NoticeContext = { i18n, snapshot: snap, timeZone: TZ, botUsername: "casebot_test_bot", now: NOW };
  for (const h of [HEARINGS.timed, HEARINGS.untimed]) {
    add(`reminder ${h.id}`, renderReminder(ctx, { subjectVersion: 1 }, h, lang));
    add(`new hearing ${h.id}`, renderHearingChanged(ctx, { subjectVersion: 1, payload: { after: { date: h.date, time: h.time, place: h.place, status: h.status } } }, h, lang));
  }
  for (const after of [HEARINGS.timed, HEARINGS.postponed, HEARINGS.cancelled]) {
    const payload = { before: { date: "2026-11-30", time: null, place: HEARINGS.untimed.place, status: "scheduled" }, after: { date: after.date, time: after.time, place: after.place, status: after.status } };
    add(`change to ${after.id}`, renderHearingChanged(ctx, { subjectVersion: 1, payload }, { ...after, id: "x" }, lang));
  }
  for (const u of UPDATES) {
    const r = renderUpdate(ctx, u, lang);
    if ("skip" in r) throw new Error(r.skip);
    // The English body of an untranslated update is there on purpose, announced by a note.
    add(`update ${u.id}`, { ...r, html: r.html.replace("UNTRANSLATED-ENGLISH-BODY", "") });
  }
  for (const h of Object.values(HEARINGS)) {
    const e = hearingEvent(h, { lang, i18n, snap, timeZone: TZ, botUsername: "casebot_test_bot" });
    out.push({ where: `calendar ${h.id} summary`, text: e.summary }, { where: `calendar ${h.id} location`, text: e.location ?? "" }, { where: `calendar ${h.id}`, text: e.description ?? "" });
  }
  renderTimeline(snap, lang, t).forEach((m, i) => out.push({ where: `timeline ${i}`, text: m }));
  out.push({ where: "/sources", text: sourcesList(t, snap, lang) });
  return out;
}

/** Every locale string of `lang`, each placeholder filled with a value of that language. */
function localeTexts(lang: Lang): Texts {
  const t = createI18n().t(lang);
  const sample: Record<string, string | number> = {
    count: 3, n: 3, sent: 2, total: 3, failed: 1, pending: 0, later: 4, day: 1, all: 5, max: 300, length: 301, version: 2, id: 7, en: 1, kk: 1, ru: 1, from: 2021, to: 2031,
    bot: "casebot_test_bot", username: "casebot_test_bot", channel: "@news_channel", link: "https://t.me/casebot_test_bot?start=subscribe",
    zone: "UTC+5", time: "10:00", slot: "{{hearing}}", known: "{{hearing}}", input: "31.02.2026",
  };
  const out: Texts = [];
  const walk = (o: Record<string, unknown>, prefix: string) => {
    for (const [k, v] of Object.entries(o)) {
      if (v && typeof v === "object") walk(v as Record<string, unknown>, `${prefix}${k}.`);
      else {
        const key = `${prefix}${k}`.replace(/_(zero|one|two|few|many|other)$/, "");
        // Every plural is asked with a count, as the code asks it.
        const values: Record<string, unknown> = { count: 3 };
        // A value the bot fills with a text of the reader's language gets one.
        for (const m of String(v).matchAll(/\{\{-?\s*(\w+)\s*\}\}/g)) values[m[1]!] = sample[m[1]!] ?? LANGUAGE_NAMES[lang];
        out.push({ where: `locale ${prefix}${k}`, text: t(key, values) });
      }
    }
  };
  walk(readLocale(lang), "");
  return out;
}

/** A question no topic answers, in each language: the bot's "no answer" reply and its menu. */
const UNANSWERABLE: Record<Lang, string> = { en: "what is the weather on mars tomorrow", kk: "ертең Марста ауа райы қандай болады", ru: "какая погода будет завтра на марсе" };

describe("every string the bot writes, in every language and script", () => {
  const { database } = useDatabase("pglite", { empty: false });
  const texts = new Map<Lang, Texts>();

  it("renders a whole session, the messages it sends on its own and every locale string (so an empty list cannot pass)", async () => {
    await importCase(database.db, caseFile(), { timeZone: TZ, now: IMPORT_NOW });
    // An editor-added source too: every hearing here cites it beside the Amnesty statement.
    const snap0 = (await createContentStore(database.db)).current();
    const snap: ContentSnapshot = { ...snap0, sources: [...snap0.sources, EDITOR_SOURCE], sourceById: new Map(snap0.sourceById).set(EDITOR_SOURCE.id, EDITOR_SOURCE) };
    for (const [i, lang] of LANGS.entries()) {
      const chatId = 500 + i;
      const { bot, calls } = await buildTestBot(database, { now: "2026-01-20T06:00:00Z", importContent: false, env: OWNER_ENV });
      const say = (text: string) => bot.handleUpdate(textUpdate(text, { lang, chatId }));
      const press = (data: string) => bot.handleUpdate(callbackUpdate(data, { lang, chatId }));
      for (const cmd of ["/start", "/help", "/sources", "/timeline", "/calendar", "/privacy", "/language", "/subscribe", "/settings", "/unknown", "/ask", "/forget"]) await say(cmd);
      await press("forget:no");
      for (const op of ["l:7d", "r", "r", "u", "g", "v", `g:${lang}`, "x"]) await press(`set:${chatId}:${op}`);
      await say("/unsubscribe");
      await say("/unsubscribe");
      for (const topic of snap.topics) await press(`t:${topic.id}:${lang}`);
      await press(`m:${lang}`);
      await press("cal:next");
      await say(UNANSWERABLE[lang]);
      await say("x".repeat(5000));
      await bot.handleUpdate(inlineQuery("", { lang }));
      texts.set(lang, [...sessionTexts(calls), ...renderedTexts(snap, lang), ...localeTexts(lang)]);
    }
    for (const lang of LANGS) expect(texts.get(lang)!.length, lang).toBeGreaterThan(400);
    // The session reached the answers, the settings menu and the inline cards.
    const ru = texts.get("ru")!.map((x) => x.text).join("\n");
    for (const seen of ["Содержание под стражей и домашний арест", "Настройки напоминаний", "Следующее заседание", "Источник:"]) expect(ru).toContain(seen);
  });

  it.each(READERS.map((r) => [`${r.lang}-${r.script}`, r] as const))("%s: no word of another script, beyond names, links, hashtags and commands", (_name, reader) => {
    // A title or publisher an editor gave as published, untranslated, is cited as it is: a name.
    const asPublished = [EDITOR_SOURCE.publisher, EDITOR_SOURCE.title.en];
    const found = texts.get(reader.lang)!.flatMap(({ where, text }) => {
      const words = alienWords(reader.write(text), reader.alien, asPublished);
      return words.length ? [`${where}: ${[...new Set(words)].join(", ")}`] : [];
    });
    expect(found).toEqual([]);
  });

  it.each(LANGS)("%s: no quotation marks nested in the same marks", (lang) => {
    const found = texts.get(lang)!.flatMap(({ where, text }) => nestedQuotes(text, lang).map((n) => `${where}: …${n}…`));
    expect(found).toEqual([]);
  });
});

describe("the checks themselves", () => {
  it("find English in Russian, and leave names, links, hashtags, commands and usernames alone", () => {
    expect(alienWords("Источник: Amnesty International, «Заголовок» (January 2026) https://t.me/x?start=a #Atajurt /subscribe @casebot_bot", LATIN)).toEqual(["January"]);
    expect(alienWords("10:00 (UTC+5, Алматы)", LATIN)).toEqual([]);
    expect(alienWords("Next hearing: Қазақша", CYRILLIC)).toEqual([]);
    expect(alienWords("Next hearing: суд", CYRILLIC)).toEqual(["суд"]);
  });

  it("find the same marks nested, and accept the inner pair", () => {
    expect(nestedQuotes("«Казахстан: снимите обвинения с активистов «Атажурта»»", "ru")).toHaveLength(1);
    expect(nestedQuotes("«Казахстан: снимите обвинения с активистов „Атажурта“»", "ru")).toEqual([]);
    expect(nestedQuotes("“a “b” c”", "en")).toHaveLength(1);
    expect(nestedQuotes("“a ‘b’ c”", "en")).toEqual([]);
  });
});
