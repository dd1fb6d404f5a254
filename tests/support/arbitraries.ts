/** fast-check arbitraries for the text people send: the property tests of answers/ share them. */
import fc from "fast-check";

/** Any UTF-16 unit sequence: every code point, lone surrogates, and the characters this code treats specially. */
const special = fc.constantFrom(
  "\u200B", "\u200C", "\u200D", "\u200E", "\u200F", "\u2060", "\uFEFF", "\u202A", "\u202E", "\u2066", "\u2069",
  "\u0000", "\u0085", "\u00AD", "\u0301", "\u0307", "\uFE0F", "\u20E3", "İ", "ı", "ə", "ў", "ء", "ٴ", "ٵ", "ى", "ي",
  "қ", "ң", "і", "Ә", "ñ", "ş", "'", "’", " ", "\n", "?", "😀", "👍🏽", "🇰🇿", "1️⃣", "👨‍👩‍👧",
);
const unit = fc.oneof(
  fc.integer({ min: 0, max: 0x10ffff }).map((cp) => String.fromCodePoint(cp)),
  fc.integer({ min: 0xd800, max: 0xdfff }).map((u) => String.fromCharCode(u)),
  special,
  fc.constantFrom(..."abcdefghijklmnopqrstuvwxyzабвгдежзийклмнопрстуфхцчшщъыьэюяәғқңөұүһіاەبۆگعدجزيكقلمنڭوپرستۋۇفحھچشى"),
);
/** Any text up to 200 UTF-16 units. */
export const anyText = fc.string({ unit, maxLength: 200 });
const emoji = fc.constantFrom("😀", "🎉", "👍🏽", "🇰🇿", "1️⃣", "👨‍👩‍👧", "❤️", "🙏", "⚖️", "📅", " ", "\u200B", "\u200D", "\uFE0F", "!", "?");
/** Text of emoji, invisible characters and punctuation only: nothing to match. */
export const emojiOnly = fc.string({ unit: emoji, maxLength: 30 });
