/**
 * Word-level analysis for the matcher: stems (Russian and Kazakh endings,
 * a light English stemmer), stop words, fillers and chat shorthand. Pure;
 * tables built at module load.
 */
import { foldForMatch, tokens } from "./normalise.js";
import { kkLatnToCyrl, ruLatnToCyrl } from "./transliterate.js";

/** Folded tokens of a text (already in the index's script). */
export function keysOf(s: string): string[] {
  const t = tokens(s);
  for (let i = 0; i < t.length; i++) t[i] = foldForMatch(t[i]!);
  return t;
}

// ---------------------------------------------------------------------------
// Stems

function isCyrillicCode(n: number): boolean {
  return n >= 0x400 && n <= 0x52f;
}

/**
 * Endings of Russian (adjective, participle, verb, noun) and Kazakh (plural,
 * case, possessive, common verb forms) words, in the matcher's fold (ы і →
 * и, no ь; й kept). Kazakh is agglutinative: the stripper runs up to three
 * times. Left out on purpose: endings that eat Kazakh roots (-ал, -ем, -ли:
 * туралы, сәлем) — the matcher's prefix similarity covers what they would.
 */
const CYRL_SUFFIXES = `
  иями ями ами ого его ому ему ими ий ой ей ая яя ое ее ие ую юю ом их ах ях ам ям ов ев ию ия
  ает ают яет яют ует уют ят ут ют ете ите ся лся ост ости ение ения ению ением ании ание ания анию
  а я о е и у ю
  лар лер дар дер тар тер нин дин тин ни ди ти га ге ка ке на не да де та те нда нде дан ден тан тен нан нен
  мен бен пен ган ген кан кен ади еди йди лик дик тик си ин ими миз низ ип уи ук
  даги деги таги теги ндаги ндеги лари лери дари дери тари тери ларин лерин
  син сиз сиздер пин мин
`
  .split(/\s+/u)
  .filter((x) => x.length > 0);
const SUFFIXES_BY_LENGTH: string[][] = [];
for (const s of new Set(CYRL_SUFFIXES)) (SUFFIXES_BY_LENGTH[s.length] ??= []).push(s);
const SUFFIX_SETS: Array<ReadonlySet<string> | undefined> = Array.from(SUFFIXES_BY_LENGTH, (l) => (l ? new Set(l) : undefined));
const MAX_SUFFIX = SUFFIXES_BY_LENGTH.length - 1;
const MIN_STEM = 3;

/** Stems that lose no more: "СИЗО" (a remand prison, an acronym) is not "сіз" (you) less a vowel. */
const KEPT_STEMS: ReadonlySet<string> = new Set(["сизо"]);

function stemCyrillic(w: string): string {
  let s = w;
  for (let round = 0; round < 3 && !KEPT_STEMS.has(s); round++) {
    let cut = 0;
    for (let len = Math.min(MAX_SUFFIX, s.length - MIN_STEM); len >= 1; len--) {
      const set = SUFFIX_SETS[len];
      if (set !== undefined && set.has(s.slice(s.length - len))) {
        cut = len;
        break;
      }
    }
    if (cut === 0) break;
    s = s.slice(0, s.length - cut);
  }
  return s;
}

/** A light English stemmer: plurals, -ing, -ed, final e, double consonants. */
function stemEnglish(w: string): string {
  let s = w;
  if (s.length <= 3) return s;
  if (s.endsWith("ies") && s.length > 4) s = s.slice(0, -3) + "y";
  else if (s.endsWith("sses")) s = s.slice(0, -2);
  else if (s.endsWith("s") && !s.endsWith("ss") && !s.endsWith("us") && !s.endsWith("is")) s = s.slice(0, -1);
  if (s.endsWith("ing") && s.length >= 6) s = s.slice(0, -3);
  else if (s.endsWith("ed") && s.length >= 5) s = s.slice(0, -2);
  if (s.endsWith("e") && s.length >= 5) s = s.slice(0, -1);
  const last = s[s.length - 1];
  if (s.length >= 5 && last === s[s.length - 2] && last !== "l" && last !== "s" && last !== "z") s = s.slice(0, -1);
  return s;
}

/** The stem of one folded token: Cyrillic by ending stripping, Latin by the English stemmer. */
/**
 * Words kept whole: question words whose stems would meet a question word of another kind
 * ("кого", who, and "когда", when, both stem to "ког"; Kazakh "нешеде", at what hour, and
 * "неше", how many, and "нешесінде", on what date, all stem to "неш"; "қайдан", from where, and
 * "қай", which, both to "қай"; lexicon.ts), and case words whose stem is a filler's: "hearing"
 * ("hear"), "келесі" (next; "келеді" in "білгім келеді") and "отырыс" (session; "отырмын").
 * "СИЗО" is not here: its case forms stem to it (KEPT_STEMS).
 */
const WHOLE: ReadonlySet<string> = new Set(["кого", "когда", "нешеде", "қайдан", "кайдан", "hearing", "hearings", "келеси", "отирис", "отириси", "отириска", "отириста", "отирисинда"]);

export function stem(key: string): string {
  if (key.length === 0 || WHOLE.has(key)) return key;
  const c = key.charCodeAt(key.length - 1);
  if (isCyrillicCode(c)) return stemCyrillic(key);
  if (c < 0x80 && c >= 0x61) return stemEnglish(key);
  return key;
}

// ---------------------------------------------------------------------------
// Words that say nothing about the topic

const STOPWORDS_RAW = `
  the a an is are was were be been being has have had of to in on at for by with from about and or but do does did
  i me my you your it its this that these those there here s please tell could can would will shall
  hi hello hey dear thanks thank just some any over into onto upon also very so such than then
  they them their theirs he she his her him we us our
  и в во на о об обо про по к ко с со у за из от до а но ли же бы то мне меня вы вас вам я ты пожалуйста
  скажите подскажите расскажите привет здравствуйте спасибо ну вот их его ее её они им он она мы нас нам
  ним них ней если все всё или который которого которые которая которых которым
  және мен да де ма ме ба бе па пе бұл осы сол маған сіз сізге айтыңызшы айтыңыз сәлем сәлеметсіз рахмет
  ғой олар оларды оларға олардың ол оны оған оның біз бізге біздің деп бауырым бауырлар
  ал бірақ мой моя мои моего потом уже очень вдруг
`;

/**
 * Words that only pad a question out when the content does not use them
 * (chat fillers, politeness, "I want to know"): an unknown word among them
 * weighs like a stop word instead of like an unknown word.
 */
const FILLERS_RAW = `
  just saw post story thing stuff guys ok okay so really actually exactly basically anyone someone somebody
  quick quickly short briefly explain want wanna know wondering wonder question hear heard read info plz pls
  please u ur ya yeah yes no hey mate bro sir madam kindly need let us say true rn lol omg bunch lot loads
  вообще ваще просто типа короче кстати вкратце интересно хочу хотел хотела знать узнать вопрос скажи
  подскажи слышал слышала читал читала можете можешь нужно надо пжл плиз пж ок окей ладно нормально огромное большое огромный тебе
  өзі өзің өзіңіз енді шы ше ау білгім келеді білейін айтшы айтып бересіз бе сұрақ білесіз бе үлкен зор
  anything something everything honestly asking asked curious interested advance keep seeing told
  completely totally absolutely else sort specifically even anyway
  конкретно именно ещё еще всё-таки все-таки сих пор затем точно опять снова шынымен
  нақты
  объясни объясните объяснить обьясни поясните расскажи пишу читал прочитал видел слышали говорят пишут
  канале новостях переживаю переживает извините простите заранее вчера тут
  айтыңыздаршы айтыңызшы жіберші беріңізші түсіндіріп жазып отырмын тұрамын естідім естиміз оқыдым
  білмейміз білмеймін түсінбедім алдын ала жайында жөнінде жарайды жайлы ішінде арасында
`;

/** Chat shorthand → the word it stands for (before any other analysis). */
export const SLANG: ReadonlyMap<string, string> = new Map([
  ["u", "you"], ["ur", "your"], ["r", "are"], ["ppl", "people"], ["pls", "please"], ["plz", "please"], ["wat", "what"],
  ["wut", "what"], ["abt", "about"], ["thx", "thanks"], ["tnx", "thanks"], ["thnx", "thanks"], ["thanx", "thanks"], ["tks", "thanks"], ["bc", "because"], ["cuz", "because"], ["coz", "because"],
  ["info", "information"], ["whn", "when"], ["hw", "how"], ["rn", "now"],
  ["скока", "сколько"], ["скоко", "сколько"], ["сколко", "сколько"], ["щас", "сейчас"], ["ща", "сейчас"], ["чё", "что"],
  ["че", "что"], ["чо", "что"], ["шо", "что"], ["инфа", "информация"], ["инфо", "информация"], ["спс", "спасибо"],
  ["оч", "очень"], ["ваще", "вообще"], ["вобще", "вообще"], ["уголовка", "уголовное"], ["уголовку", "уголовное"],
  ["skoka", "skolko"], ["skoko", "skolko"], ["sho", "chto"], ["che", "chto"], ["cho", "chto"], ["shas", "seychas"],
  ["infa", "informaciya"], ["ugolovka", "ugolovnoe"], ["ugolovku", "ugolovnoe"],
  // The number the content writes in digits, spelt out.
  ["nineteen", "19"], ["девятнадцать", "19"], ["девятнадцати", "19"], ["девятнадцатерых", "19"], ["devyatnadcat", "19"], ["devyatnadtsat", "19"],
]);

function withoutStems(words: readonly string[], set: Set<string>): Set<string> {
  for (const w of words) set.delete(stem(w));
  return set;
}

function stemSet(raw: string, extraLatin: string): Set<string> {
  const set = new Set<string>();
  for (const k of keysOf(raw)) set.add(stem(k));
  for (const k of keysOf(extraLatin)) set.add(stem(k));
  for (const k of keysOf(kkLatnToCyrl(extraLatin))) set.add(stem(k));
  for (const k of keysOf(ruLatnToCyrl(extraLatin))) set.add(stem(k));
  return set;
}

/** Stems of the stop words, in every script a question can be typed in. */
export const STOP_STEMS: ReadonlySet<string> = stemSet(
  STOPWORDS_RAW,
  "esli vse vsyo ili kotoryi kotorogo kotorye dep jane men da de ma me ba be pa pe bul osy sol magan siz sizge aitynyzshy salem rakhmet olar olardy olarga olardyn ol ony ogan onyn biz bauyrym bauyrlar i v vo na o ob pro po k s so u za iz ot do a no li zhe by to mne menya vy vas ya ty pozhaluysta skazhite podskazhite privet spasibo ikh ih ego ee oni im on ona my nas nam al birak biraq moy moya moi potom uzhe ochen vdrug",
);

/**
 * The stop words that greet, thank or take leave: padding beside a question of the case, but what
 * a message of small talk says (the small-talk matcher keeps their weight, options.ts).
 */
export const COURTESY_STEMS: ReadonlySet<string> = stemSet(
  "hi hello hey dear thanks thank привет здравствуйте спасибо сәлем сәлеметсіз рахмет",
  "salem rakhmet rahmet privet spasibo zdravstvuite",
);

/**
 * Stems of filler words (see FILLERS_RAW), less the stems of case words they collide with: the
 * Latin filler "jazyp" ("writing") read as Cyrillic stems to "жаз", the stem of "жаза" (penalty).
 */
export const FILLER_STEMS: ReadonlySet<string> = withoutStems(["жаза"], stemSet(
  FILLERS_RAW,
  "tochno opyat snova shynymen potom zatem vdrug konkretno imenno eshe eshche esche yeshche naqty nakty jaiynda zhaiynda jonınde jaraidy zharaidy jaily zhaily ishinde arasynda obyasni obyasnit obyasnite rasskazhi pishu chital slyshal govoryat zaranee izvinite vchera tut aitynyzdarshy aitynyzshy jiberşi berıñızşı tüsındırıp jazyp otyrmyn tūramyn turamyn estıdım oqydym bılmeimız tüsınbedım ogromnoe bolshoe tebe ulken normalno voobshe voobshche prosto tipa koroche kstati vkratce khochu hochu znat uznat skazhi podskazhi mozhete nuzhno nado ozi endi shy she bilgim keledi aitshy",
));

/**
 * Words of the everyday subjects people also ask a bot about (weather, visas, money, tickets, sport,
 * food, films) that no fact of the case is about: unknown to the index, such a word weighs like an
 * unknown name (score.ts), so "how do I get a visa to China?" is not "how do I subscribe?".
 */
/** Words of a sum between two numbers ("17 times 23"): arithmetic, whatever else they mean (time). */
export const ARITHMETIC_STEMS: ReadonlySet<string> = stemSet("times multiplied divided plus minus x умножить умножь разделить плюс минус көбейту қосу бөлу", "kobeitu qosu bolu umnozhit");
export const OFF_TOPIC_STEMS: ReadonlySet<string> = stemSet(
  `weather forecast visa visas passport dollar dollars euro exchange football match recipe restaurant restaurants
   movie movies film ticket tickets taxi salary eurovision temperature election elections plus minus multiplied divided
   погода погоды прогноз виза визу визы паспорт доллар доллара курс валюты евро футбол матч рецепт ресторан
   фильм кино билет билеты такси зарплата температура выборы выборов плюс минус умножить разделить
   сайлау сайлауы көбейту
   ауа райы визасын визаны доллар бағамы футболдан мейрамхана билеті фильм`,
  "pogoda pogody vizu vizy dollar kurs futbol bilety bilet film restoran aua raiy vizasyn dollar bagamy futboldan meiramhana vybory saylau sailau kobeitu",
);
