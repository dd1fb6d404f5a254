/**
 * Telling the language and script of a short question (docs/answers.md):
 * letter and word rules, no statistical model. Pure; word lists are built once, at module load.
 */
import type { Lang, QuestionKey } from "../shared/lang.js";
import { cleanText, foldLookalikes, tokens } from "./normalise.js";

export type Script = "cyrl" | "latn" | "arab";

export interface Detection {
  lang: Lang;
  /** The way the question is written: one of the keys of a topic's `questions`. */
  form: QuestionKey;
  script: Script;
  /** False when the text was too short or gave no evidence, and the fallback language was taken. */
  decided: boolean;
}

/** Nine letters only Kazakh Cyrillic has. */
const KAZAKH_LETTERS = /[әғқңөұүһіӘҒҚҢӨҰҮҺІ]/u;
/** Latin letters of the Kazakh alphabets (2021 and 2018) that English and Russian translit do not use. */
const KAZAKH_LATIN_LETTERS = /[äğñöūüışáóúýńǵŋ]/u;
const RUSSIAN_ONLY_LETTERS = /[ёщъэь]/u;

function weights(list: string, w: number): Array<[string, number]> {
  return list
    .split(/\s+/u)
    .filter((x) => x.length > 0)
    .map((x) => [x, w]);
}

function table(...parts: Array<Array<[string, number]>>): ReadonlyMap<string, number> {
  const m = new Map<string, number>();
  for (const part of parts) for (const [k, v] of part) m.set(k, Math.max(m.get(k) ?? 0, v));
  return m;
}

// Cyrillic ---------------------------------------------------------------

/** Kazakh words as typed without the Kazakh letters (Russian keyboard), or that have none. */
const KK_CYRL_WORDS = table(
  weights(
    `кашан кайда ким кимдер неге канша кандай калай деген дегенимиз жок туралы болады болды болган болса
     сот соты сотта соттын сотка соттан соттау сотталды сотталады сотталган сотталды ушин ушын сиз биз олар
     бул осы сол жане немесе емес керек кай кайсы неше нешe кайдан кашаннан мен сен ол маган бизге белсенди
     белсендилер белсендилери айып айыпталды айыпталган жаза жазасы бостандык тергеу туткын туткындалды кылмыс
     кылмыстык истер иси кабылдады шешим шешими мерзими кундери кунделери жылы жыл айы айда кун куни
     кандай ма ме ба бе па пе салем калайсын ози енди гой саны нешеу отыр жатыр айтыныз айтшы билгим билемин кимнин кимге осындай кажет нелер екен кимекен неекен калайекен
     атажурттын атажуртка атажуртты атажурттагы казакстан казакстанда кытай кытайда шынжан`,
    2,
  ),
  weights(`не бар да де та те`, 1),
);

const RU_CYRL_WORDS = table(
  weights(
    `когда где что почему сколько кто как какой какая какое какие каков зачем будет будут был была были было
     суд суда суде судом судьи это этот эта эти ли в во на о об про за по из и или ещё еще уже над их его
     ее её они он она есть нет можно такое чем чего кого кому сейчас сегодня дело дела деле активисты активистов
     активистам обвиняют обвинение обвинения приговор приговорили арестовали арестованы задержали задержаны
     заседание заседания слушание слушания статья статье статьи против который которые также тоже для
     мне меня вы вас я ты пожалуйста скажите подскажите расскажите хочу знать узнать идет идёт проходит
     следующее следующий ближайшее новости новое происходит случилось освобождены освободили срок сроки
     им мои мой моя данные удалите удалить откуда вообще суть скока сколько кого куда нужно надо`,
    2,
  ),
);

/** Kazakh endings, as typed without the Kazakh letters: genitive, locative+adjective, ablative, plural+case. */
const KK_CYRL_SUFFIX = /(?:дын|дин|тын|тин|нын|нин|дагы|дегы|тагы|тегы|ларды|лерди|дарды|дерди|тарды|терди|лардын|лердин|ларга|лерге|ларда|лерде|дан|ден|тан|тен|нан|нен|ынан|инен|ада|еде|уга|уге|ады|еди|йды|йди|тынын|ып|ип|уы|уи|мди|мды|иниз|ыныз|низ|ныз|низ|лик|лык|шилик|шылык|екен)$/u;
const RU_CYRL_SUFFIX = /(?:ого|его|ому|ему|ый|ий|ая|яя|ое|ее|ые|ие|ых|их|ать|ять|ить|еть|ться|тся|ешь|ете|ость|ние|ния|нию|ции|ция|ов|ами|ями|ах|ях|ют|ят|ует|ился|лась|лись)$/u;

// Latin ------------------------------------------------------------------

const KK_LATN_WORDS = table(
  weights(
    `qashan qaşan kashan qaida qayda kaida kayda sot soty sotta sottyn sottyñ sotqa sottan sottau sottaldy
     sottalady sottalğan sottalgan kim kimder kimnin nege qansha kansha qandai qanday kandai kanday qalai kalai
     qalay kalay degen degenimiz joq jok zhok zhoq turaly bolady boldy bolğan bolgan bolsa üşin ushin ushyn
     siz biz olar bul osy sol jäne zhane jane nemese emes kerek qai qaysy neşe neshe qaidan belsendi belsendiler
     belsendileri aiyp ayip aiyptaldy jaza jazasy bostandyq tergeu tutqyn qylmys qylmystyq isi isteri sheshim
     şeşim jyly jyl kün kuni künі aitynyz aitshy aytynyzshy bilgim bilemin qazaqstan kazakhstanda qytai qytay
     atajurttyn atajurttyñ atajurtqa qajet kytai kitai jiberdi berildi menin meniñ talap etedi ozi özi
     salem sälem qalaisyñ qalaisyn kalaisyn akimshilik äkimşilik qamau qamauda qamauga aiyptaluşylar aiyptalushylar
     nesheu neşeu otyr jatyr boldy ma`,
    2,
  ),
  weights(`ne ma pa pe bar ba`, 1),
);

const RU_LATN_WORDS = table(
  weights(
    `kogda kagda gde chto shto chego pochemu pochemy skolko skol'ko kto kak kakoy kakoi kakaya kakoe kakie zachem
     budet budut byl byla byli bylo sud suda sude sudom sudya sudi eto etot eta eti takoe aktivist aktivisty
     aktivistov aktivistam mozhno obvinenie obvinyayut prigovor prigovorili arestovali arestovany zaderzhali
     zasedanie zasedaniya slushanie slushaniya statya stat'ya stati protiv kotoryy kotorye takzhe tozhe dlya mne menya
     vy vas pozhaluysta skazhite podskazhite rasskazhite khochu hochu znat uznat idet proiskhodit sluchilos
     osvobodili srok ikh ego oni ona est net seychas segodnya delo dela novosti sleduyushchee blizhayshee ili uzhe
     eshche chem kogo komu im ih on grozit otkuda moi moya moe dannye dannykh dannyh udalite udalit voobshe
     voobshche sut chem kakoi istochnik istochniki imena obvinyaemye podsudimye shtrafovali shtraf kuda pochemu
     zachem chto-to kto-to nado nuzhno mogu nih nimi vse vsyo normalno zdorovie zdorovye zovut imya familiya
     seichas sejchas zakonchilos zakonchilsya dali dadut posadili sidyat privet spasibo tebe tebya poka zdravstvuite
     zdravstvuyte takoi takoy`,
    2,
  ),
  weights(`v vo na o ob pro za po iz i ne a`, 1),
);

const EN_WORDS = table(
  weights(
    `the is are was were be been being what when where who whom whose why how which of in  at to for with
     about and or do does did will would can could should next trial court hearing hearings activists activist
     sentence sentenced charged charges charge arrested arrest detained you  my it its this that there they
     their them tell please any news case happen happened happening know whats what's when's where's who's
     date verdict judge lawyer lawyers prison jail released release freed accused why's has have had they're
     police members member founder group organisation organization statement say said
     from by an am our we help more than how many much people support`,
    2,
  ),
);

const EN_WORDS_WEAK: ReadonlyMap<string, number> = table(weights(`a i on me no`, 1));
const EN_SUFFIX = /(?:tion|tions|ing|ed|ness|ment|ly|ies|ous)$/u;
const RU_LATN_SUFFIX = /(?:ogo|ego|omu|yy|iy|aya|ykh|ikh|yut|yat|uet|aet|ite|at'|it'|ost|nie|niya|tsiya|tsii|ami|yami|ovat|ovali|ili|ye)$/u;
const KK_LATN_SUFFIX = /(?:dyñ|nyñ|tyñ|dıñ|nıñ|tıñ|dyn|nyn|tyn|dağy|degı|daghy|tağy|ğa|qa|lardy|lerdı|dardy|tardy|dan|nan|tan|ynan|ady|edı|edi|ğan|qan|ldy|ldı|ldi|syz|siz|sız|imdi|ymdy|ımdı|lik|lyk|lyq|lıq|shy|şy|ñyz|ñız|niz|nyz)$/u;

// Detection --------------------------------------------------------------

function scriptOf(code: number): Script | undefined {
  if (code >= 0x600 && code <= 0x6ff) return code >= 0x660 && code <= 0x669 ? undefined : "arab";
  if ((code >= 0x750 && code <= 0x77f) || (code >= 0xfb50 && code <= 0xfdff) || (code >= 0xfe70 && code <= 0xfefc)) return "arab";
  if (code >= 0x400 && code <= 0x52f) return "cyrl";
  if ((code >= 0x41 && code <= 0x5a) || (code >= 0x61 && code <= 0x7a) || (code >= 0xc0 && code <= 0x24f && code !== 0xd7 && code !== 0xf7) || (code >= 0x1e00 && code <= 0x1eff)) return "latn";
  return undefined;
}

const SCRIPT_DEFAULT: Readonly<Record<Lang, Script>> = { en: "latn", ru: "cyrl", kk: "cyrl" };

export function formOf(lang: Lang, script: Script): QuestionKey {
  if (lang === "en") return "en";
  if (lang === "ru") return script === "latn" ? "ru_latn" : "ru";
  if (script === "latn") return "kk_latn";
  if (script === "arab") return "kk_arab";
  return "kk";
}

export interface Scores {
  en: number;
  ru: number;
  kk: number;
}

/** What the letters and words of a text say, before a decision. */
export interface Evidence {
  /** The main script; undefined when the text has fewer than two letters. */
  script: Script | undefined;
  /** A Kazakh-only Cyrillic letter was seen (the text is Kazakh, written with its letters). */
  kazakhLetters: boolean;
  /** Word and ending evidence for each language (only languages the script allows can score). */
  scores: Scores;
  /** The lowercase words of the text. */
  words: string[];
}

function scoreCyrillic(words: readonly string[], sc: Scores): void {
  for (const w of words) {
    const kk = KK_CYRL_WORDS.get(w);
    const ru = RU_CYRL_WORDS.get(w);
    if (kk !== undefined) sc.kk += kk;
    if (ru !== undefined) sc.ru += ru;
    if (kk !== undefined || ru !== undefined) continue;
    if (RUSSIAN_ONLY_LETTERS.test(w)) sc.ru += 1;
    if (w.length >= 5) {
      if (KK_CYRL_SUFFIX.test(w)) sc.kk += 1;
      if (RU_CYRL_SUFFIX.test(w)) sc.ru += 1;
    }
  }
}

function scoreLatin(words: readonly string[], sc: Scores): void {
  for (const w of words) {
    const en = EN_WORDS.get(w) ?? EN_WORDS_WEAK.get(w);
    const ru = RU_LATN_WORDS.get(w);
    const kk = KK_LATN_WORDS.get(w);
    if (en !== undefined) sc.en += en;
    if (ru !== undefined) sc.ru += ru;
    if (kk !== undefined) sc.kk += kk;
    if (KAZAKH_LATIN_LETTERS.test(w)) sc.kk += 2;
    else if (w.length >= 3 && w.includes("q") && !w.includes("qu")) sc.kk += 2;
    if (en !== undefined || ru !== undefined || kk !== undefined) continue;
    if (w.length >= 5) {
      if (EN_SUFFIX.test(w)) sc.en += 1;
      if (RU_LATN_SUFFIX.test(w)) sc.ru += 1;
      if (KK_LATN_SUFFIX.test(w)) sc.kk += 1;
    }
  }
}

/**
 * The evidence of a text that has already been cleaned and look-alike
 * folded. The script is Arabic when Arabic letters are at least a third of
 * the letters, else Cyrillic when Cyrillic letters are (Latin words in a
 * Cyrillic question are mostly names: "что говорит Amnesty International?"),
 * else Latin.
 */
export function languageEvidence(s: string): Evidence {
  let arab = 0;
  let cyrl = 0;
  let latn = 0;
  for (let i = 0; i < s.length; i++) {
    const sc = scriptOf(s.charCodeAt(i));
    if (sc === "arab") arab++;
    else if (sc === "cyrl") cyrl++;
    else if (sc === "latn") latn++;
  }
  const letters = arab + cyrl + latn;
  const words = tokens(s);
  const scores: Scores = { en: 0, ru: 0, kk: 0 };
  if (letters < 2) return { script: undefined, kazakhLetters: false, scores, words };
  if (arab * 3 >= letters) return { script: "arab", kazakhLetters: false, scores: { en: 0, ru: 0, kk: 2 }, words };
  if (cyrl * 3 >= letters) {
    const kazakhLetters = KAZAKH_LETTERS.test(s);
    scoreCyrillic(words, scores);
    if (kazakhLetters) scores.kk += 4;
    scores.en = 0;
    return { script: "cyrl", kazakhLetters, scores, words };
  }
  scoreLatin(words, scores);
  return { script: "latn", kazakhLetters: false, scores, words };
}

function undecided(fallback: Lang, script: Script | undefined): Detection {
  const s = script ?? SCRIPT_DEFAULT[fallback];
  if (s === "arab") return { lang: "kk", form: "kk_arab", script: s, decided: false };
  if (s === "cyrl") {
    // Cyrillic cannot be English: a chat in English gets the script's default, Russian.
    if (fallback === "kk") return { lang: "kk", form: "kk_plain", script: s, decided: false };
    return { lang: "ru", form: "ru", script: s, decided: false };
  }
  return { lang: fallback, form: formOf(fallback, s), script: s, decided: false };
}

/** The decision on some evidence (the matcher adds its own before deciding). */
export function decideLanguage(ev: Evidence, fallback: Lang): Detection {
  const { script, scores } = ev;
  if (script === undefined) return undecided(fallback, undefined);
  if (script === "arab") return { lang: "kk", form: "kk_arab", script, decided: true };
  if (script === "cyrl") {
    if (ev.kazakhLetters) return { lang: "kk", form: "kk", script, decided: true };
    if (scores.kk > scores.ru) return { lang: "kk", form: "kk_plain", script, decided: true };
    if (scores.ru > scores.kk) return { lang: "ru", form: "ru", script, decided: true };
    return undecided(fallback, script);
  }
  const best = Math.max(scores.en, scores.ru, scores.kk);
  if (best <= 0) return undecided(fallback, script);
  const winners = (["en", "kk", "ru"] as const).filter((l) => scores[l] === best);
  if (winners.length > 1) {
    // A tie: the chat's language if it is one of the tied, else undecided.
    if (winners.includes(fallback)) return { lang: fallback, form: formOf(fallback, script), script, decided: false };
    return undecided(fallback, script);
  }
  const lang = winners[0]!;
  return { lang, form: formOf(lang, script), script, decided: true };
}

/** Detection on text that has already been cleaned and look-alike folded. */
export function detectCleaned(s: string, fallback: Lang): Detection {
  return decideLanguage(languageEvidence(s), fallback);
}

/**
 * The language, form and script of a question. Arabic script is Kazakh
 * (tote jazu); a Kazakh-only Cyrillic letter makes Cyrillic Kazakh; other
 * Cyrillic is Kazakh typed without its letters (kk_plain) when Kazakh words
 * or endings outweigh Russian ones, else Russian; Latin is English, Kazakh
 * Latin (kk_latn) or Russian translit (ru_latn) by letters and words. Too
 * short or undecided: the fallback (the chat's language), when the script
 * allows it (Cyrillic in an English chat is taken as Russian), with
 * `decided: false`.
 */
export function detectLanguage(text: string, fallback: Lang): Detection {
  return detectCleaned(foldLookalikes(cleanText(text)), fallback);
}
