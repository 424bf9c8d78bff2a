/**
 * A small RFC 4180 reader: fields separated by commas, records by CRLF, LF or a lone CR;
 * quoted fields may hold commas, doubled quotes and line breaks. One pass, linear time.
 *
 * Errors are reported per record with the 1-based line where they occur, and the record is
 * dropped; parsing goes on with the next field, so one bad row never hides the rest. Only an
 * unterminated quote swallows the remainder of the file, which the message says.
 */

export interface CsvRecord {
  /** 1-based line where the record starts. */
  line: number;
  fields: string[];
}

export interface CsvProblem {
  /** 1-based line where the bad record starts. */
  line: number;
  message: string;
  /** The fields as far as they could be read, to name the row in a report. */
  fields: string[];
}

export interface CsvParseResult {
  records: CsvRecord[];
  problems: CsvProblem[];
}

const QUOTE = 34;
const COMMA = 44;
const LF = 10;
const CR = 13;

export function parseCsv(input: string): CsvParseResult {
  const text = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
  const records: CsvRecord[] = [];
  const problems: CsvProblem[] = [];
  let i = 0;
  let line = 1;
  let lineStart = 0;
  const where = (offset: number) => `line ${line}, column ${offset - lineStart + 1}`;

  /** Counts the line breaks in text[from, to) to keep `line` and `lineStart` current. */
  const advance = (from: number, to: number) => {
    for (let k = from; k < to; k++) {
      const c = text.charCodeAt(k);
      if (c === LF || (c === CR && text.charCodeAt(k + 1) !== LF)) {
        line += 1;
        lineStart = k + 1;
      }
    }
  };
  /** Consumes one line break at `i`, if any; true when the record ended there. */
  const endOfRecord = (): boolean => {
    const c = text.charCodeAt(i);
    if (i >= text.length) return true;
    if (c !== LF && c !== CR) return false;
    i += c === CR && text.charCodeAt(i + 1) === LF ? 2 : 1;
    line += 1;
    lineStart = i;
    return true;
  };

  while (i < text.length) {
    const recordLine = line;
    const fields: string[] = [];
    const errors: string[] = [];
    for (;;) {
      let field: string;
      if (text.charCodeAt(i) === QUOTE) {
        const openedAt = where(i);
        const parts: string[] = [];
        let pos = i + 1;
        let closed = false;
        while (pos <= text.length) {
          const quote = text.indexOf('"', pos);
          if (quote === -1) break;
          parts.push(text.slice(pos, quote));
          if (text.charCodeAt(quote + 1) === QUOTE) {
            parts.push('"');
            pos = quote + 2;
            continue;
          }
          pos = quote + 1;
          closed = true;
          break;
        }
        if (!closed) {
          parts.push(text.slice(pos));
          errors.push(
            `Unterminated quoted field starting at ${openedAt}: the file ends inside it.`,
          );
          advance(i, text.length);
          i = text.length;
          fields.push(parts.join(""));
          break;
        }
        advance(i, pos);
        i = pos;
        // After a closing quote only a comma or the end of the record may follow.
        let extra = i;
        while (extra < text.length) {
          const c = text.charCodeAt(extra);
          if (c === COMMA || c === LF || c === CR) break;
          extra += 1;
        }
        if (extra > i) {
          errors.push(`Unexpected text after a closing quote at ${where(i)}.`);
          parts.push(text.slice(i, extra));
          i = extra;
        }
        field = parts.join("");
      } else {
        let end = i;
        let strayQuote = -1;
        while (end < text.length) {
          const c = text.charCodeAt(end);
          if (c === COMMA || c === LF || c === CR) break;
          if (c === QUOTE && strayQuote === -1) strayQuote = end;
          end += 1;
        }
        if (strayQuote !== -1) {
          errors.push(
            `Unexpected quote inside an unquoted field at ${where(strayQuote)}: quote the whole field and double the quote.`,
          );
        }
        field = text.slice(i, end);
        i = end;
      }
      fields.push(field);
      if (text.charCodeAt(i) === COMMA) {
        i += 1;
        continue;
      }
      endOfRecord();
      break;
    }
    const blank = fields.length === 1 && fields[0] === "" && errors.length === 0;
    if (blank) continue;
    if (errors.length > 0) {
      problems.push({ line: recordLine, message: errors.join(" "), fields });
    } else {
      records.push({ line: recordLine, fields });
    }
  }
  return { records, problems };
}
