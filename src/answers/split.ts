/**
 * A message cut into the questions it may hold: at sentence ends, semicolons, line breaks and
 * commas, and at the conjunctions that join two questions in each language ("and", "и", "а также",
 * "және", "әрі"…). The reader (reader.ts) decides whether the pieces are really two questions:
 * a message is answered as several only when at least two pieces each name a topic of their own,
 * so cutting too eagerly here never splits one question in two.
 */

/** Pieces past this many are run together: three answers is the most one reply holds. */
export const MAX_PIECES = 6;

// Conjunctions between two questions, as whole words, in Cyrillic, Latin (Kazakh 2021 alphabet,
// Russian translit) and Arabic-script Kazakh (جانە "және", ٵرٸ "әрі", ءھام "һәм").
const CONJUNCTIONS = [
  "and", "also", "plus", "and also",
  "и", "а также", "также", "а ещё", "а еще", "и ещё", "и еще",
  "және", "әрі", "һәм", "жане", "ари", "тағы", "сондай-ақ",
  "jäne", "jane", "zhane", "äri", "ärı", "häm", "a takzhe", "takzhe",
  "جانە", "ٵرى", "ارى", "ءارى", "ءھام", "ھام", "ھەم",
];
const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
// Russian translit "i" only before a question word or a yes-or-no question ("i byl li prigovor"):
// in English "i" is the pronoun ("how do i get…").
const LATIN_I = "i(?=\\s+(?:kto|chto|gde|kogda|skolko|pochemu|kak|zachem|otkuda|kakie|kakoy|kakoi|za chto|\\S+\\s+li)\\b)";
const CONJ = new RegExp(`(?:^|\\s)(?:${CONJUNCTIONS.sort((a, b) => b.length - a.length).map(escape).join("|")}|${LATIN_I})(?=\\s)`, "giu");
// Sentence ends and other breaks: ? ! . ; , and their Arabic-script forms (؟ ، ؛), line breaks; kept (the group) to tell a question from a statement.
const BREAKS = /([?!.;,\n\u061F\u060C\u061B]+)/u;
const CLOSES = /[?!.;\n\u061F\u061B]/u;

export interface Piece {
  text: string;
  /** Cut from the piece before it at a conjunction, not at punctuation: "…and the activists" may be one question. */
  byConjunction: boolean;
  /** How the sentence it is part of ends: "?" a question mark, "." a full stop or "!", "" anything else (the end, a line break, a semicolon). */
  mark: "?" | "." | "";
}

const markOf = (breaks: string): Piece["mark"] => (/[?\u061F]/u.test(breaks) ? "?" : /[.!]/u.test(breaks) ? "." : "");

/** The message's pieces, trimmed, empty ones dropped; one piece when there is nothing to cut at. */
export function splitQuestions(text: string): Piece[] {
  const out: Piece[] = [];
  const cut = text.split(BREAKS);
  // The pieces since the last sentence end take its mark when it comes: "Добрый вечер, я журналист…, пишу статью." is one statement.
  let open = 0;
  for (let k = 0; k < cut.length; k += 2) {
    cut[k]!.split(CONJ).forEach((piece, i) => {
      const p = piece.trim();
      if (p.length > 0) out.push({ text: p, byConjunction: i > 0, mark: "" });
    });
    const breaks = cut[k + 1] ?? "";
    if (breaks === "" || CLOSES.test(breaks)) {
      for (const p of out.slice(open)) p.mark = markOf(breaks);
      open = out.length;
    }
  }
  if (out.length === 0) return [{ text: text.trim(), byConjunction: false, mark: "" }];
  if (out.length <= MAX_PIECES) return out;
  // A long message tells its story first and asks last: the opening pieces are run together.
  const story = out.length - (MAX_PIECES - 1);
  return [{ text: out.slice(0, story).map((p) => p.text).join(" "), byConjunction: false, mark: out[story - 1]!.mark }, ...out.slice(story)];
}
