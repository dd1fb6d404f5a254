import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { foldKazakh } from "../../src/answers/normalise.js";
import { HAMZA, kkArabToCyrl, kkCyrlToArab, kkCyrlToLatn, kkLatnToCyrl, ruLatnToCyrl } from "../../src/answers/transliterate.js";
import { anyText } from "../support/arbitraries.js";

/** The transliteration table: Cyrillic, Latin 2021, Arabic (hamza marked +). */
const TABLE: Array<[string, string, string]> = [
  ["а", "a", "ا"], ["ә", "ä", "+ا"], ["б", "b", "ب"], ["в", "v", "ۆ"], ["г", "g", "گ"], ["ғ", "ğ", "ع"],
  ["д", "d", "د"], ["е", "e", "ە"], ["ж", "j", "ج"], ["з", "z", "ز"], ["и", "i", "ي"], ["й", "i", "ي"],
  ["к", "k", "ك"], ["қ", "q", "ق"], ["л", "l", "ل"], ["м", "m", "م"], ["н", "n", "ن"], ["ң", "ñ", "ڭ"],
  ["о", "o", "و"], ["ө", "ö", "+و"], ["п", "p", "پ"], ["р", "r", "ر"], ["с", "s", "س"], ["т", "t", "ت"],
  ["у", "u", "ۋ"], ["ұ", "ū", "ۇ"], ["ү", "ü", "+ۇ"], ["ф", "f", "ف"], ["х", "h", "ح"], ["һ", "h", "ھ"],
  ["ц", "ts", "تس"], ["ч", "ch", "چ"], ["ш", "ş", "ش"], ["щ", "şş", "شش"], ["ы", "y", "ى"], ["і", "ı", "+ى"],
  ["э", "e", "ە"], ["ю", "iu", "يۋ"], ["я", "ia", "يا"], ["ъ", "", ""], ["ь", "", ""],
];

describe("kkCyrlToLatn", () => {
  it.each(TABLE)("%s → %s", (cyr, latn) => {
    expect(kkCyrlToLatn(cyr)).toBe(latn);
  });

  it("keeps capitals: İ for И, I for І, Ts/TS for Ц", () => {
    expect(kkCyrlToLatn("Ибраһим Іле Ұлы Цех ЦЕХ Шыңжаң")).toBe("İbrahim Ile Ūly Tseh TSEH Şyñjañ");
    expect(kkCyrlToLatn("Әлімнұр Тұрғанбай")).toBe("Älımnūr Tūrğanbai");
    expect(kkCyrlToLatn("ҚАЗАҚСТАН")).toBe("QAZAQSTAN");
  });

  it("works on a paragraph: digits, punctuation and Latin words untouched", () => {
    const kk = "Сот процесі 2026 жылғы 23 қаңтарда Талдықорған қаласында басталуы жоспарланған. Amnesty International (Халықаралық амнистия) 174-бапты сынайды!";
    expect(kkCyrlToLatn(kk)).toBe(
      "Sot protsesı 2026 jylğy 23 qañtarda Taldyqorğan qalasynda bastaluy josparlanğan. Amnesty International (Halyqaralyq amnistiia) 174-bapty synaidy!",
    );
  });
});

describe("kkLatnToCyrl", () => {
  it("reads the 2021 alphabet", () => {
    expect(kkLatnToCyrl("Sot qaşan bolady?")).toBe("Сот қашан болады?");
    expect(kkLatnToCyrl("Älımnūr Tūrğanbai kım?")).toBe("Әлімнұр Тұрғанбай кім?");
    expect(kkLatnToCyrl("Şyñjañ")).toBe("Шыңжаң");
    expect(kkLatnToCyrl("İle")).toBe("Иле");
  });

  it("reads the 2018 acute-accent alphabet", () => {
    expect(kkLatnToCyrl("Ǵylym")).toBe("Ғылым");
    expect(kkLatnToCyrl("kóship")).toBe("көшип");
    expect(kkLatnToCyrl("mańyzdy")).toBe("маңызды");
    expect(kkLatnToCyrl("úi")).toBe("үй");
    expect(kkLatnToCyrl("sáýir")).toBe("сәуир");
  });

  it("reads informal digraphs and ŋ", () => {
    expect(kkLatnToCyrl("Serikzhan Bilash")).toBe("Серикжан Билаш");
    expect(kkLatnToCyrl("shekara")).toBe("шекара");
    expect(kkLatnToCyrl("chempion")).toBe("чемпион");
    expect(kkLatnToCyrl("ghylym")).toBe("ғылым");
    expect(kkLatnToCyrl("Shynzhang")).toBe("Шынжаң");
    expect(kkLatnToCyrl("taŋ")).toBe("таң");
    expect(kkLatnToCyrl("sot kashan")).toBe("сот кашан");
  });

  it("reads i and y after a vowel as й", () => {
    expect(kkLatnToCyrl("qaida")).toBe("қайда");
    expect(kkLatnToCyrl("kayda")).toBe("кайда");
    expect(kkLatnToCyrl("Turganbay")).toBe("Турганбай");
    expect(kkLatnToCyrl("auyl")).toBe("ауыл");
  });
});

describe("round trip Cyrillic → Latin → Cyrillic", () => {
  // Kazakh words without the loanword letters ё ц ч щ э ю я ъ ь, and no х/һ (both are h).
  const words = [
    "сот", "қашан", "қайда", "кім", "неге", "қанша", "қандай", "Атажұрт", "белсенділер", "Серікжан", "Біләш",
    "Әлімнұр", "Тұрғанбай", "Талдықорған", "Қытай", "Қазақстан", "ауыл", "айып", "биік", "сайлау", "қиын",
    "ия", "үй", "өлең", "ұйым", "жаңалық", "бостандығынан", "Шыңжаң", "ҚАЗАҚСТАН", "Ілияс", "түрме", "мүмкін",
    "Ұлытау", "аяқ", "қиял", "аю", "өшіріңізші", "деректерімді", "белсенділерінің", "жүргізеді",
  ];
  it.each(words)("%s", (w) => {
    expect(kkLatnToCyrl(kkCyrlToLatn(w))).toBe(w);
  });

  it("a sentence", () => {
    const s = "Атажұрт белсенділерінің сот ісі қашан басталады? 23 қаңтарда, Талдықорғанда.";
    expect(kkLatnToCyrl(kkCyrlToLatn(s))).toBe(s);
  });
});

describe("kkCyrlToArab", () => {
  it.each(TABLE)("%s → %s", (cyr, _latn, arab) => {
    // A lone hamza letter takes the hamza; alone, the others take none.
    expect(kkCyrlToArab(cyr)).toBe(arab.startsWith("+") ? HAMZA + arab.slice(1) : arab);
  });

  it("puts one hamza at the start of a front word without е к г", () => {
    expect(kkCyrlToArab("Біләш")).toBe(`${HAMZA}بىلاش`);
    expect(kkCyrlToArab("үй")).toBe(`${HAMZA}ۇي`);
    expect(kkCyrlToArab("іс")).toBe(`${HAMZA}ىس`);
    // е, к or г already mark the word as front: no hamza.
    expect(kkCyrlToArab("белсенділер")).toBe("بەلسەندىلەر");
    expect(kkCyrlToArab("мүмкін")).toBe("مۇمكىن");
    expect(kkCyrlToArab("сот")).toBe("سوت");
  });

  it("writes и before й я ю ё once: the glide's ي carries it", () => {
    expect(kkCyrlToArab("жария")).toBe("جاريا");
    expect(kkCyrlToArab("кийім")).toBe("كيىم");
    expect(kkCyrlToArab("Азия")).toBe("ازيا");
    expect(kkCyrlToArab("ия")).toBe("يا");
    // Elsewhere и is written: ұя keeps its ۇ, Ибраһим its ي.
    expect(kkCyrlToArab("ұя")).toBe("ۇيا");
    expect(kkCyrlToArab("Ибраһим")).toBe("يبراھيم");
  });

  it("works on a paragraph: Arabic punctuation, digits and Latin words untouched", () => {
    const kk = "Сот 2026 жылғы 23 қаңтарда, Талдықорғанда басталады; Amnesty International не дейді? 1,000 адам.";
    expect(kkCyrlToArab(kk)).toBe(
      "سوت 2026 جىلعى 23 قاڭتاردا، تالدىقورعاندا باستالادى؛ Amnesty International نە دەيدى؟ 1,000 ادام.",
    );
  });
});

describe("kkCyrlToArab, links and placeholders", () => {
  it("leaves links, e-mail addresses and template placeholders whole", () => {
    expect(kkCyrlToArab("Қараңыз: https://www.amnesty.org/en/a?b=1,2; хат: info@example.org, {{hearing}}?")).toBe(
      "قاراڭىز: https://www.amnesty.org/en/a?b=1,2؛ حات: info@example.org، {{hearing}}؟",
    );
  });
});

describe("kkArabToCyrl", () => {
  it("strips every hamza form and reads ا و ۇ ى as back vowels", () => {
    expect(kkArabToCyrl("ءبىلاش")).toBe("былаш");
    expect(kkArabToCyrl("\u0674بىلاش")).toBe("былаш");
    expect(kkArabToCyrl("\u0675لەم")).toBe("алем");
    expect(kkArabToCyrl("سوت قاشان باستالادى؟")).toBe("сот қашан басталады?");
    expect(kkArabToCyrl("قايدا")).toBe("қайда");
  });

  it("turns Arabic digits and punctuation into ASCII", () => {
    expect(kkArabToCyrl("١٧٤-باپ، ۲۰۲۶")).toBe("174-бап, 2026");
  });

  it("round trips with Cyrillic up to the Kazakh fold", () => {
    for (const w of ["Серікжан Біләш", "Әлімнұр Тұрғанбай", "Атажұрт белсенділері", "Талдықорған", "өшіріңізші", "үй қамағы", "Шыңжаң"]) {
      expect(foldKazakh(kkArabToCyrl(kkCyrlToArab(w))).toLowerCase()).toBe(foldKazakh(w).toLowerCase());
    }
  });
});

describe("ruLatnToCyrl", () => {
  it.each([
    ["kogda", "когда"], ["chto", "что"], ["sud", "суд"], ["shto", "што"], ["shchi", "щи"], ["schet", "щет"],
    ["zhdat", "ждат"], ["yakov", "яков"], ["yuriy", "юрий"], ["tsena", "цена"], ["khorosho", "хорошо"],
    ["pochemu", "почему"], ["skolko", "сколко"], ["kakoy", "какой"], ["novyy", "новый"], ["seychas", "сейчас"],
    ["aktivisty", "активисты"], ["eto", "это"], ["sud'ya", "судья"], ["Atajurt", "Атажурт"], ["vstretitsya", "встретится"],
    ["obvinyayut", "обвиняют"], ["zasedanie", "заседание"], ["takoi", "такой"], ["dobryi", "добрый"], ["moi", "мой"], ["oni", "они"],
  ])("%s → %s", (latn, cyr) => {
    expect(ruLatnToCyrl(latn)).toBe(cyr);
  });

  it("keeps capitals and punctuation", () => {
    expect(ruLatnToCyrl("Kogda sud nad aktivistami Atajurt?")).toBe("Когда суд над активистами Атажурт?");
  });
});

describe("the transliterators, on any text", () => {
  it("never throw, whatever the script", () => {
    fc.assert(
      fc.property(anyText, (s) => {
        for (const f of [kkCyrlToLatn, kkLatnToCyrl, kkCyrlToArab, kkArabToCyrl, ruLatnToCyrl]) expect(typeof f(s)).toBe("string");
      }),
      { numRuns: 500 },
    );
  });
});
