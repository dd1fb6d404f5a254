import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { createReader, type DialogueState } from "../../src/answers/reader.js";
import { DEFAULT_CASE_FILE, loadCaseFile } from "../../src/case/content/load.js";

const reader = createReader(loadCaseFile(fileURLToPath(DEFAULT_CASE_FILE)).topics);

/** The topics answered to each message of one chat, 30 seconds apart. */
function topicsOf(...turns: string[]): string[][] {
  let state: DialogueState | undefined;
  return turns.map((q, i) => {
    const r = reader.read(q, "en", state, Date.UTC(2026, 0, 20, 6) + i * 30_000);
    state = r.state;
    return r.kind === "none" ? [] : r.topics;
  });
}

describe("a follow-up padded with words that only stress or place it in time", () => {
  it("reads past an intensifier: «конкретно», «ещё», «вдруг», «потом», «has … yet»", () => {
    expect(topicsOf("кого судят?", "кого конкретно судят")[1]).toEqual(["defendants"]);
    expect(topicsOf("kogo sudyat?", "kogo sudyat konkretno")[1]).toEqual(["defendants"]);
    expect(topicsOf("какие наказания им дали сначала?", "а потом с чего вдруг уголовка?")[1]).toEqual(["diplomatic-note"]);
    expect(topicsOf("what are they charged with?", "has anyone been sentenced yet?")[1]).toEqual(["unknown-verdict"]);
  });

  it("reads «the most they could get» as the maximum penalty", () => {
    expect(topicsOf("what are they charged with?", "and what's the most they could get?")[1]).toEqual(["penalty"]);
  });
});

describe("the Kazakh hour and date", () => {
  it("reads «нешеде» as at what hour, not as «неше» (how many) or «нешесінде» (on what date), in every script", () => {
    expect(topicsOf("келесі отырыс қашан?", "нешеде басталады?")).toEqual([["next-hearing"], ["unknown-hour"]]);
    expect(topicsOf("сот нешесінде басталады?")[0]).toEqual(["next-hearing"]);
    expect(topicsOf("sağat neşede bastalady?")[0]).toEqual(["unknown-hour"]);
    expect(topicsOf("ساعات نەشەدە؟")[0]).toEqual(["unknown-hour"]);
  });
});

describe("the Kazakh «қай жерде» (in what place)", () => {
  it("asks where, of the last subject: after the protest's date its place, after the trial's the trial's", () => {
    expect(topicsOf("шеру қашан болды?", "ал қай жерде?")[1]).toEqual(["protest"]);
    expect(topicsOf("сот қашан басталады?", "ал қай жерде?")[1]).toEqual(["place"]);
    expect(topicsOf("sot qashan?", "qai jerde?")[1]).toEqual(["place"]);
  });
});

describe("an unsure follow-up and what the last answer offered next", () => {
  it("takes the offered topic when it ranks nearly as high: «oni eshe sidyat?» after the defendants is whether they are held", () => {
    expect(topicsOf("kto obvinyaemye", "oni eshe sidyat?")).toEqual([["defendants"], ["custody"]]);
  });

  it("does not leave the last topic for it: «нотада не жазылған?» after the criminal case is still the note", () => {
    expect(topicsOf("неге қылмыстық іс болды?", "нотада не жазылған?")).toEqual([["diplomatic-note"], ["diplomatic-note"]]);
  });
});

describe("the Kazakh «қайдан» (from where) after a statement", () => {
  it("asks how it is known (the sources), not the statement again; «белгілі» (known) names no subject", () => {
    expect(topicsOf("амнести не айтты?", "ал бұл қайдан белгілі?")[1]).toEqual(["sources"]);
    expect(topicsOf("amnesty ne aitty?", "al bul qaidan belgili?")[1]).toEqual(["sources"]);
    expect(topicsOf("судья белгілі ме?")[0]).toEqual(["unknown-judge"]);
  });
});

describe("how a group was started", () => {
  it("reads «started», «ашты» about Atajurt as its founder", () => {
    expect(topicsOf("what's atajurt?", "and who started it?")[1]).toEqual(["founder"]);
    expect(topicsOf("атажұрт не істейді?", "ал оны кім ашты?")[1]).toEqual(["founder"]);
  });
});

describe("what may happen and what did", () => {
  it("reads «could», «might» as the penalty they face, «did» as a sentence passed", () => {
    expect(topicsOf("what sentence might they get?")[0]).toEqual(["penalty"]);
    expect(topicsOf("what sentence did they get?")[0]).toEqual(["unknown-verdict"]);
  });

  it("asks on with «could» after the charges or the verdict: the penalty, not the last answer again", () => {
    expect(topicsOf("what are they charged with?", "what could they get?")[1]).toEqual(["penalty"]);
    expect(topicsOf("what was the verdict?", "and what could they get?")[1]).toEqual(["penalty"]);
  });
});
