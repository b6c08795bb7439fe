/**
 * Folds text to the characters every renderer can print: diacritics dropped (ș -> s, ă -> a),
 * anything else outside printable ASCII shown as `?`. The standard PDF fonts cannot encode
 * Romanian or Cyrillic letters, and the PNG font has no glyphs for them.
 */
export const printableText = (text: string): string =>
  text
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[^\x20-\x7e]/g, "?")
