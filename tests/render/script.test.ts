import { describe, expect, it } from "vitest";
import { otherScript, RLM, transliterateAnswer, transliterateHtml, transliterateLabel, transliterateRendered } from "../../src/render/script.js";

describe("transliterateHtml", () => {
  it("keeps tags and their attributes, entities, code, links, @names, /commands, #hashtags and placeholders", () => {
    const html =
      '<b>Сот</b> <a href="https://kz.example/сот?a=1,2">сілтеме</a> &#39;ой&#39; &amp; <code>/editors add сот</code> https://x.kz/іс, @casebot /subscribe #Атажұрт {{hearing}}?';
    expect(transliterateHtml(html, "arab")).toBe(
      `${RLM}<b>سوت</b> <a href="https://kz.example/сот?a=1,2">سىلتەمە</a> &#39;وي&#39; &amp; <code>/editors add сот</code> https://x.kz/іс، @casebot /subscribe #Атажұрт {{hearing}}؟`,
    );
    expect(transliterateHtml(html, "latn")).toBe(
      '<b>Sot</b> <a href="https://kz.example/сот?a=1,2">sılteme</a> &#39;oi&#39; &amp; <code>/editors add сот</code> https://x.kz/іс, @casebot /subscribe #Атажұрт {{hearing}}?',
    );
  });

  it("starts every Arabic line with a right-to-left mark, and leaves lines with no Cyrillic whole", () => {
    const html = "2026 жылғы 23 қаңтар\nAmnesty International, 2026.\n\n<i>Дереккөз</i>";
    expect(transliterateHtml(html, "arab").split("\n")).toEqual([`${RLM}2026 جىلعى 23 قاڭتار`, "Amnesty International, 2026.", "", `${RLM}<i>دەرەككوز</i>`]);
    expect(transliterateHtml(html, "latn")).not.toContain(RLM);
  });

  it("is idempotent, so a text already transliterated passes through as it is", () => {
    const once = transliterateHtml("Сот қашан? Үй қамағы.", "arab");
    expect(transliterateHtml(once, "arab")).toBe(once);
    const latn = transliterateHtml("Сот қашан?", "latn");
    expect(transliterateHtml(latn, "arab")).toBe(latn);
  });

  it("leaves a <pre> block and text with no Cyrillic untouched", () => {
    expect(transliterateHtml("<pre>сот\nіс</pre>", "arab")).toBe("<pre>сот\nіс</pre>");
    expect(transliterateHtml("When is the trial? 10:00, Taldykorgan", "arab")).toBe("When is the trial? 10:00, Taldykorgan");
  });
});

describe("transliterateRendered", () => {
  it("changes labels only: what a button does stays as it was", () => {
    const r = transliterateRendered(
      {
        html: "<b>Сот</b>",
        buttons: [[{ text: "Тақырыптар", action: { kind: "menu", lang: "kk" } }, { text: "Жазылу", url: "https://t.me/x?start=subscribe" }, { text: "Бөлісу", share: "" }]],
      },
      "latn",
    );
    expect(r).toEqual({
      html: "<b>Sot</b>",
      buttons: [[{ text: "Taqyryptar", action: { kind: "menu", lang: "kk" } }, { text: "Jazylu", url: "https://t.me/x?start=subscribe" }, { text: "Bölısu", share: "" }]],
    });
  });
});

describe("otherScript", () => {
  it("is undefined for Cyrillic and for a chat that never had a script", () => {
    expect([otherScript("cyrl"), otherScript(null), otherScript(undefined), otherScript("latn"), otherScript("arab")]).toEqual([undefined, undefined, undefined, "latn", "arab"]);
  });
});

describe("transliterateLabel", () => {
  it("gives what transliterateHtml gives, the first time and every time after, per script", () => {
    const labels = ["Келесі отырыс", "Сот қашан?", "Did you mean: Қамауда", "🔔 Жазылу", "Келесі отырыс"];
    for (const script of ["latn", "arab"] as const) {
      const first = labels.map((l) => transliterateLabel(l, script));
      expect(first).toEqual(labels.map((l) => transliterateHtml(l, script)));
      expect(labels.map((l) => transliterateLabel(l, script))).toEqual(first);
    }
    expect(transliterateLabel("Сот", "latn")).not.toBe(transliterateLabel("Сот", "arab"));
  });
});

describe("transliterateAnswer", () => {
  it("gives what transliterateHtml gives, the first time and every time after, per script", () => {
    const answers = ["<b>Сот қашан?</b>\n\nКелесі отырыс: <a href=\"https://example.org/a\">https://example.org/a</a>", "Мен бұл сұраққа жауап бере алмаймын. /subscribe"];
    for (const script of ["latn", "arab"] as const) {
      const first = answers.map((a) => transliterateAnswer(a, script));
      expect(first).toEqual(answers.map((a) => transliterateHtml(a, script)));
      expect(answers.map((a) => transliterateAnswer(a, script))).toEqual(first);
    }
    expect(transliterateAnswer(answers[0]!, "latn")).not.toBe(transliterateAnswer(answers[0]!, "arab"));
  });
});
