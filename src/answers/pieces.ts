/**
 * Which of a message's pieces (split.ts) are questions of their own, and which belong to the one
 * before (docs/answers.md, "How a message is read", step 2). split.ts cuts eagerly; here a piece
 * is put back on the one before when it only completes it, and a sentence the writer closed with
 * a full stop, in a message that marks its questions with "?", is told apart as a statement.
 */
import type { Piece } from "./split.js";
import type { SubjectOf } from "./subject.js";

export interface Part {
  text: string;
  /**
   * No question of its own: a sentence closed by "." or "!" before a question marked "?", the story
   * told before the question ("Я журналист из Бишкека, пишу статью про это дело."), or a reason
   * guessed after a "why" ("…, шеруге шыққаны үшін бе?"), which the answer to the why answers.
   */
  aside: boolean;
}

// A relative clause ("…Турганбай, из-за которого был протест?") says more about what the piece before names.
const RELATIVE = /^(?:[\p{L}-]{1,5}\s+)?(?:котор|kotor)/iu;
// "Why…?" then a guessed reason, yes or no ("…, шеруге шыққаны үшін бе?", "…, из-за митинга?").
const WHY = /(?:^|\s)(?:why|почему|зачем|за что|pochemu|zachem|za chto|неге|nege|не үшін|не ушин|ne ushin|ne üşin|نەگە|نە ءۇشىن|نە ۇشىن)(?=\s|$)/iu;
const REASON = /(?:^|\s)(?:because|үшін|ушин|ушін|ushin|üşin|ۇشىن|ٴۇشىن|ءۇشىن|из-за|iz-za)(?=\s|$)/iu;
// Asking only for a name ("…, как зовут?", "…, аты кім?", "…, аты-жөні қандай?") asks the name of what the piece before names.
const NAME_WORDS = "names?|called|имя|имена|зовут|фамилия|imya|imena|zovut|familiya|аты|атын|есімі|есими|aty|atyn|esimi|اتى|اتىن|ەسىمى";
const NAME = new RegExp(`^(?:${NAME_WORDS})$`, "iu");
const HAS_NAME = new RegExp(`(?:^|[\\s-])(?:${NAME_WORDS})(?=[\\s-]|$)`, "iu");

const POINTING_FIRST = /^(?:that|that's|thats|this|it's|its|here's|вот|это|вон|сол|осы|міне|мине)$/iu;

/** The message's questions and statements, in order: pieces joined back where they are one question. */
export function joinPieces(pieces: readonly Piece[], subjectOf: SubjectOf): Part[] {
  const parts: Array<Part & { mark: Piece["mark"] }> = [];
  const guess = (p: Piece, last: Part | undefined) => last !== undefined && REASON.test(p.text) && WHY.test(last.text) && subjectOf.yesNo(p.text);
  // "зовут" is itself a question word (lexicon.ts), so "как зовут" leaves no subject at all.
  const onlyName = (text: string) => HAS_NAME.test(text) && subjectOf(text).split(" ").every((w) => w === "" || NAME.test(w));
  for (const p of pieces) {
    const last = parts[parts.length - 1];
    // A yes-or-no question after a question is one too: "…and has there been a verdict?", "…және үкім шықты ма?".
    const yesNo = () => subjectOf.yesNo(p.text) && subjectOf.asks(last!.text);
    const joins =
      last !== undefined &&
      ((p.byConjunction && !subjectOf.asks(p.text) && !yesNo()) || RELATIVE.test(p.text) || (onlyName(p.text) && subjectOf(last.text) !== ""));
    if (joins) {
      last.text += ` ${p.text}`;
      last.mark = p.mark;
    } else parts.push({ text: p.text, aside: guess(p, last), mark: p.mark });
  }
  const asked = parts.findLastIndex((p) => p.mark === "?");
  // A question ended with a full stop opens with the words that ask ("What are they charged with. And when…?", "В чём их обвиняют.");
  // a story does not, nor a pointing word before one ("…that's why the case started.", "вот почему…").
  const opensAsking = (text: string) => {
    const two = text.split(/\s+/u, 2);
    return !POINTING_FIRST.test(two[0] ?? "") && subjectOf.asks(two.join(" "));
  };
  return parts.map((p, i) => ({ text: p.text, aside: p.aside || (p.mark === "." && i < asked && !opensAsking(p.text)) }));
}
