/**
 * Whether an import file's text is text at all. Browsers decode a binary file (an image, a
 * spreadsheet, a zip) into NULs and U+FFFD replacement characters; a text export has neither.
 * Null when the text looks like text, else the sentence to show. A stray NUL or two in an
 * otherwise textual file is a bad row, reported with its line by the importer, not a binary.
 */
export function binaryFileProblem(text: string): string | null {
  const sample = text.slice(0, 8192);
  if (sample.length === 0) return null;
  let suspicious = 0;
  for (const ch of sample) {
    const code = ch.codePointAt(0) ?? 0;
    if (code === 0xfffd || (code < 32 && code !== 9 && code !== 10 && code !== 13)) suspicious++;
  }
  return suspicious >= MIN_SUSPICIOUS && suspicious / sample.length > 0.01 ? BINARY_MESSAGE : null;
}

/** Binary headers alone (PNG, zip, PDF) hold more than this many control characters. */
const MIN_SUSPICIOUS = 4;

export const BINARY_MESSAGE =
  "This is not a text file (it looks like an image, a spreadsheet or another binary file). Choose a Parley JSON export, a CSV file, or a Zendesk or Chatwoot JSON export.";
