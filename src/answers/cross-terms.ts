/**
 * The cross-language lexicon of the case: for each concept, the words people use for it in each
 * language, and above all the words they carry from one language into the other. Most Kazakhs
 * write the legal and everyday terms of a trial in Russian inside a Kazakh sentence ("заседание
 * қашан?", "приговор шықты ма", "судқа барамыз"), often with a Kazakh ending on the Russian stem;
 * a Russian speaker in Kazakhstan now and then does the reverse ("когда сот?"). With this table a
 * borrowed word counts for the topic while the reply follows the sentence's language.
 *
 * Data only. Every form is written as src/answers/normalise.ts leaves it (lowercase, words
 * separated by one space, no punctuation; Kazakh letters kept, the matcher folds them itself),
 * and no form appears twice in one language (tests/answers/cross-terms.test.ts).
 */

export interface CrossTerm {
  /** The concept, named in English. */
  concept: string;
  /** English words for it. */
  en: readonly string[];
  /**
   * Russian forms: the word in its usual Russian cases, then as a Kazakh sentence borrows it, with
   * Kazakh endings following the stem's last vowel (заседаниеге, судқа, приговорды, статьясы).
   */
  ruInKk: readonly string[];
  /** Kazakh forms, with their usual endings: what a Kazakh sentence has, and a Russian one borrows. */
  kkInRu: readonly string[];
  /** Forms to check against real messages before relying on them. */
  review?: readonly { term: string; note: string }[];
}

/** Kazakh endings on Russian stems follow vowel harmony; they were written from it, not taken from a corpus. */
const HYBRID = "A Russian stem with a Kazakh ending, written from vowel harmony, not taken from a corpus: check it is how people type it.";

export const CROSS_TERMS: readonly CrossTerm[] = [
  {
    concept: "hearing",
    en: ["hearing", "hearings", "session", "sessions", "court session"],
    ruInKk: ["заседание", "заседания", "заседании", "заседанию", "заседанием", "заседаний", "слушание", "слушания", "слушании", "заседаниеге", "заседаниеде", "заседаниесі", "заседаниенің", "заседаниеден"],
    kkInRu: ["отырыс", "отырысы", "отырысқа", "отырыста", "отырыстың", "отырыстан", "сот отырысы"],
    review: [{ term: "заседаниеге", note: HYBRID }],
  },
  {
    concept: "court",
    en: ["court", "courts", "trial", "trials", "courtroom", "tried"],
    ruInKk: ["суд", "суда", "суду", "судом", "суде", "суды", "судов", "судебный", "судебное", "судебного", "процесс", "процесса", "процессе", "судят", "судить", "судқа", "судта", "судтың", "судтан", "процеске", "процесте", "процесі"],
    kkInRu: ["сот", "соты", "сотқа", "сотта", "соттың", "сотты", "соттан", "сот процесі", "сотталады", "сотталып", "соттайды"],
    review: [{ term: "судқа", note: HYBRID }, { term: "процесі", note: HYBRID }],
  },
  {
    concept: "judge",
    en: ["judge", "judges", "presiding judge"],
    ruInKk: ["судья", "судьи", "судью", "судьёй", "судьей", "судье", "судей", "судьяға", "судьясы", "судьяның", "судьяны"],
    kkInRu: ["судья", "судьясы", "судьяның", "судьяны"],
  },
  {
    concept: "prosecutor",
    en: ["prosecutor", "prosecutors", "prosecution"],
    ruInKk: ["прокурор", "прокурора", "прокурору", "прокурором", "прокуратура", "прокуратуры", "гособвинитель", "гособвинение", "прокурорға", "прокурордың", "прокуроры"],
    kkInRu: ["прокурор", "прокурордың", "айыптаушы", "айыптаушы тарап", "прокуратура"],
    review: [{ term: "айыптаушы тарап", note: "The prosecution as a side of the trial; the statutory Kazakh term may be «айыптау тарапы»: check." }],
  },
  {
    concept: "lawyer",
    en: ["lawyer", "lawyers", "attorney", "attorneys", "defence", "defense", "counsel"],
    ruInKk: ["адвокат", "адвоката", "адвокаты", "адвокатов", "адвокатом", "адвокату", "защитник", "защитника", "защитники", "защита", "защиты", "адвокатқа", "адвокаттар", "адвокаттары", "адвокаттың", "адвокатпен"],
    kkInRu: ["қорғаушы", "қорғаушысы", "қорғаушылар", "адвокаты", "адвокаттар"],
  },
  {
    concept: "defendants",
    en: ["defendants", "defendant", "accused", "suspects"],
    ruInKk: ["обвиняемые", "обвиняемый", "обвиняемых", "обвиняемым", "подсудимые", "подсудимый", "подсудимых", "фигуранты", "обвиняемыйлар", "обвиняемыйларды", "подсудимыйлар"],
    kkInRu: ["айыпталушы", "айыпталушылар", "айыпталушыларды", "айыпталушылардың", "сотталушы", "сотталушылар"],
    review: [{ term: "обвиняемыйлар", note: HYBRID }],
  },
  {
    concept: "charge",
    en: ["charge", "charges", "charged", "accusation", "accusations", "accused of"],
    ruInKk: ["обвинение", "обвинения", "обвинении", "обвинением", "обвиняют", "обвинили", "обвинять", "предъявили", "обвинениесі", "обвинение тағылды"],
    kkInRu: ["айып", "айыбы", "айыпты", "айып тағылды", "айыптау", "айыпталды", "айыпталып"],
    review: [{ term: "обвинениесі", note: HYBRID }],
  },
  {
    concept: "article",
    en: ["article", "article 174", "statute"],
    ruInKk: ["статья", "статьи", "статье", "статью", "статьей", "статьёй", "ст", "статья 174", "статьясы", "статьяға", "статьямен", "статья бойынша", "статьядан"],
    kkInRu: ["бап", "бабы", "бабымен", "бапқа", "бабы бойынша", "174 бап", "174 бабы"],
    review: [{ term: "статьясы", note: HYBRID }],
  },
  {
    concept: "criminal code",
    en: ["criminal code", "criminal case", "criminal"],
    ruInKk: ["ук", "ук рк", "уголовный кодекс", "уголовного кодекса", "уголовное дело", "уголовного дела", "уголовка", "уголовный", "уголовное"],
    kkInRu: ["қылмыстық кодекс", "қылмыстық кодекстің", "қылмыстық іс", "қылмыстық"],
  },
  {
    concept: "verdict",
    en: ["verdict", "verdicts", "judgment", "judgement", "convicted", "acquitted", "sentenced"],
    ruInKk: ["приговор", "приговора", "приговору", "приговоре", "приговором", "приговоры", "решение суда", "осудили", "оправдали", "приговорға", "приговорды", "приговоры шықты", "приговор шықты"],
    kkInRu: ["үкім", "үкімі", "үкімді", "үкімге", "үкімнің", "үкім шықты", "ақталды", "кінәлі", "кесім", "кесімі", "сот кесімі"],
    review: [{ term: "приговорды", note: HYBRID }, { term: "кесім", note: "A court's ruling; check it is read as the verdict, not any decision." }],
  },
  {
    concept: "penalty",
    en: ["penalty", "sentence", "prison term", "years", "imprisonment", "punishment"],
    ruInKk: ["срок", "срока", "сроку", "сроки", "наказание", "наказания", "лишение свободы", "лишения свободы", "дадут", "посадят", "грозит", "срогы", "срокқа"],
    kkInRu: ["жаза", "жазасы", "жазаға", "мерзім", "мерзімі", "бас бостандығынан айыру", "қауіп төніп тұр"],
    review: [{ term: "срогы", note: HYBRID }],
  },
  {
    concept: "arrest",
    en: ["arrest", "arrested", "custody", "remanded", "remand", "pre trial detention"],
    ruInKk: ["арест", "ареста", "аресте", "арестом", "арестован", "арестованы", "арестовали", "под стражей", "под стражу", "стражей", "сизо", "изолятор", "изоляторе", "арестке", "арестте", "аресті", "сизода", "сизоға", "изоляторда"],
    kkInRu: ["қамау", "қамауда", "қамауға", "қамаудағы", "қамалды", "күзетпен ұстау", "күзетпен"],
    review: [{ term: "арестте", note: HYBRID }],
  },
  {
    concept: "house arrest",
    en: ["house arrest", "at home"],
    ruInKk: ["домашний арест", "домашнем аресте", "домашним арестом", "под домашним арестом", "домашка", "домашний арестте"],
    kkInRu: ["үй қамағы", "үй қамағында", "үй қамағына", "үй қамағындағы"],
    review: [{ term: "үй қамағы", note: "Common usage for house arrest; check against the Kazakh text of the Criminal Procedure Code." }],
  },
  {
    concept: "prison",
    en: ["prison", "jail", "jailed", "locked up", "behind bars"],
    ruInKk: ["тюрьма", "тюрьмы", "тюрьме", "тюрьму", "колония", "зона", "сидят", "посадили", "тюрьмаға", "тюрьмада", "тюрьмадан"],
    kkInRu: ["түрме", "түрмеде", "түрмеге", "түрмеден", "абақты", "абақтыда"],
  },
  {
    concept: "detention",
    en: ["detention", "detained", "detain", "held", "seized"],
    ruInKk: ["задержание", "задержания", "задержаны", "задержали", "задержанные", "задержанных", "задержанным", "задержаниеге", "задержание кезінде"],
    kkInRu: ["ұстау", "ұсталды", "ұсталған", "ұсталғандар", "ұстады", "ұстап", "ұсталып"],
  },
  {
    concept: "administrative penalty",
    en: ["administrative", "fine", "fines", "fined", "days"],
    ruInKk: ["административка", "административный", "административное", "административный арест", "штраф", "штрафа", "штрафы", "штрафовали", "оштрафовали", "сутки", "суток", "штрафқа", "штрафын", "суткаға"],
    kkInRu: ["әкімшілік", "әкімшілік қамау", "айыппұл", "айыппұлы", "айыппұлмен", "тәулік", "тәулікке"],
    review: [{ term: "суткаға", note: HYBRID }],
  },
  {
    concept: "hooliganism",
    en: ["hooliganism", "hooligans"],
    ruInKk: ["хулиганство", "хулиганства", "хулиганка", "мелкое хулиганство", "хулиганствоға"],
    kkInRu: ["бұзақылық", "бұзақылығы", "бұзақылық үшін", "ұсақ бұзақылық"],
  },
  {
    concept: "protest",
    en: ["protest", "protests", "rally", "demonstration", "picket"],
    ruInKk: ["протест", "протеста", "протесте", "митинг", "митинга", "митинге", "акция", "акции", "акцию", "пикет", "пикета", "митингке", "митингте", "митингі", "акцияға", "акцияда"],
    kkInRu: ["наразылық", "наразылыққа", "наразылықта", "наразылық акциясы", "шеру", "шеруге"],
    review: [{ term: "митингке", note: HYBRID }],
  },
  {
    concept: "activists",
    en: ["activists", "activist", "protesters"],
    ruInKk: ["активисты", "активист", "активистов", "активистам", "активистами", "активистер", "активистерді", "активистердің"],
    kkInRu: ["белсенді", "белсенділер", "белсенділерді", "белсенділердің", "белсенділерге"],
    review: [{ term: "активистер", note: HYBRID }],
  },
  {
    concept: "release",
    en: ["release", "released", "free", "freed"],
    ruInKk: ["освободить", "освободили", "освобождение", "отпустили", "выпустили", "освободят"],
    kkInRu: ["босату", "босатты", "босатылды", "босатуды", "бостандық", "босатады"],
  },
  {
    concept: "diplomatic note",
    en: ["diplomatic note", "note", "china", "chinese"],
    ruInKk: ["нота", "ноты", "ноту", "дипломатическая нота", "дипнота", "китай", "китая", "китайские власти", "кнр", "нотасы", "нотадан"],
    kkInRu: ["дипломатиялық нота", "нотасынан", "қытай", "қытайдың", "қытайдан", "қытай билігі"],
  },
  {
    concept: "names",
    en: ["names", "name", "list"],
    ruInKk: ["имена", "имя", "фамилии", "фамилия", "фио", "список", "списка", "поимённо", "фамилиясы", "фамилиялары", "списогы"],
    kkInRu: ["аты жөні", "аты жөнін", "есімі", "тізім", "тізімі", "тізімін"],
    review: [{ term: "списогы", note: HYBRID }],
  },
  {
    concept: "time",
    en: ["time", "hour", "what time", "o clock"],
    ruInKk: ["время", "во сколько", "в котором часу", "час", "часов", "времясы"],
    kkInRu: ["сағат", "сағат нешеде", "уақыт", "уақыты", "қай уақытта"],
    review: [{ term: "времясы", note: HYBRID }],
  },
  {
    concept: "health",
    en: ["health", "healthy", "ill", "sick", "well"],
    ruInKk: ["здоровье", "здоровья", "здоровьем", "здоровы", "болеют", "болеет", "самочувствие", "здоровьесі", "здоровьесы"],
    kkInRu: ["денсаулық", "денсаулығы", "денсаулықтары", "денсаулығын", "ауырып", "аман"],
    review: [{ term: "здоровьесі", note: HYBRID }],
  },
  {
    concept: "conditions",
    en: ["conditions", "treatment", "treated", "beaten", "tortured"],
    ruInKk: ["условия", "условиях", "условий", "обращаются", "бьют", "пытают", "пытки", "условиясы"],
    kkInRu: ["жағдай", "жағдайы", "жағдайда", "жағдайлары", "ұрып соғып", "азаптап"],
    review: [{ term: "условиясы", note: HYBRID }, { term: "ұрып соғып", note: "Everyday «beat up»; check it is how people write of treatment in custody." }],
  },
  {
    concept: "visit",
    en: ["visit", "visits", "relatives", "family", "parcels", "letters"],
    ruInKk: ["свидание", "свидания", "свиданка", "передачи", "передачу", "родственники", "родственников", "родные", "свиданиеге", "передачаны"],
    kkInRu: ["кездесу", "кездесуге", "туыстары", "туыстарына", "туыстар", "сәлемдеме"],
    review: [{ term: "свиданиеге", note: HYBRID }, { term: "сәлемдеме", note: "A parcel sent to someone; check it is the word used for parcels to detainees." }],
  },
  {
    concept: "investigation",
    en: ["investigation", "investigator", "investigators", "pre trial investigation"],
    ruInKk: ["следствие", "следствия", "следствии", "следователь", "следователя", "расследование", "следствиеде", "следовательге"],
    kkInRu: ["тергеу", "тергеуде", "тергеуші", "тергеушісі", "тергеу амалдары"],
    review: [{ term: "следствиеде", note: HYBRID }],
  },
  {
    concept: "appeal",
    en: ["appeal", "appeals", "appealed"],
    ruInKk: ["апелляция", "апелляции", "апелляцию", "обжаловать", "обжалование", "апелляцияға", "апелляция берді"],
    kkInRu: ["шағым", "шағымдану", "шағым түсірді", "апелляциялық"],
    review: [{ term: "апелляцияға", note: HYBRID }],
  },
  {
    concept: "witness",
    en: ["witness", "witnesses", "testimony"],
    ruInKk: ["свидетель", "свидетели", "свидетелей", "показания", "свидетельдер", "свидетельдерді"],
    kkInRu: ["куә", "куәлар", "куәгер", "куәгерлер", "айғақ", "жауап алу"],
    review: [{ term: "свидетельдер", note: HYBRID }],
  },
  {
    concept: "information",
    en: ["information", "info", "facts", "data"],
    ruInKk: ["информация", "информацию", "информации", "инфа", "сведения", "данные", "информациясы", "информацияны"],
    kkInRu: ["ақпарат", "ақпаратты", "мәлімет", "мәліметті", "мәліметтер", "мағлұмат", "мағлұматты"],
    review: [{ term: "мағлұмат", note: "The word for information in Xinjiang Kazakh (мәлімет in Kazakhstan); check the forms." }],
  },
  // Small talk crosses too: Russian speakers in Kazakhstan thank with "рахмет", Kazakhs greet with "привет".
  {
    concept: "greeting",
    en: ["hi", "hello", "hey", "good morning", "good evening"],
    ruInKk: ["привет", "приветик", "здравствуйте", "здрасте", "добрый день", "добрый вечер", "как дела"],
    kkInRu: ["сәлем", "сәлеметсіз бе", "сәлеметсіздер ме", "армысыз", "ассалаумағалейкум", "қайырлы күн", "қалайсыз", "қалың қалай"],
  },
  {
    concept: "thanks",
    en: ["thanks", "thank you", "thx", "cheers"],
    ruInKk: ["спасибо", "спс", "пасиб", "благодарю", "спасибо большое"],
    kkInRu: ["рахмет", "рақмет", "көп рахмет", "рахмет сізге"],
  },
  {
    concept: "goodbye",
    en: ["bye", "goodbye", "see you", "good night"],
    ruInKk: ["пока", "до свидания", "всего доброго", "до встречи", "спокойной ночи"],
    kkInRu: ["сау бол", "сау болыңыз", "көріскенше", "қош бол", "қайырлы түн"],
  },
  {
    concept: "date",
    en: ["date", "day", "which day"],
    ruInKk: ["дата", "даты", "число", "какого числа", "датасы", "числосы"],
    kkInRu: ["күні", "қай күні", "күн", "күнге"],
    review: [{ term: "числосы", note: HYBRID }],
  },
];
