/**
 * Streaming RFC 4180 reader over decoded text chunks: records may span chunks. Same rules as
 * server/templates/interchange/csv-parse.ts (which needs the whole text): quoted fields hold
 * commas, doubled quotes and line breaks; a stray quote is an error for that record only; an
 * unclosed quote swallows the rest of the file, which the error says. A field is never grown
 * past `maxField` characters, so an unclosed quote in a 200 MB file costs no memory.
 */

export interface CsvRecord {
  /** 1-based line where the record starts. */
  line: number;
  fields: string[];
  error?: string;
}

const QUOTE = 34;
const LF = 10;
const CR = 13;

enum State {
  Start,
  Unquoted,
  Quoted,
  QuoteInQuoted,
  AfterQuoted,
}

export async function* csvRecords(
  chunks: AsyncIterable<string>,
  maxField: number,
  delimiter = ",",
): AsyncGenerator<CsvRecord> {
  const DELIM = delimiter.charCodeAt(0);
  let fields: string[] = [];
  let field = "";
  let tooLong = false;
  let state = State.Start;
  let line = 1;
  let recordLine = 1;
  let quoteLine = 1;
  let error: string | undefined;
  let pendingCR = false;

  const append = (text: string) => {
    if (tooLong) return;
    if (field.length + text.length > maxField) {
      tooLong = true;
      field = "";
    } else field += text;
  };
  const endField = () => {
    fields.push(field);
    field = "";
    state = State.Start;
  };
  const record = (): CsvRecord => {
    const out: CsvRecord = { line: recordLine, fields };
    if (error) out.error = error;
    else if (tooLong)
      out.error = `A cell is longer than ${maxField.toLocaleString("en-US")} characters.`;
    fields = [];
    error = undefined;
    tooLong = false;
    return out;
  };
  const blank = (r: CsvRecord) => !r.error && r.fields.length === 1 && r.fields[0] === "";

  for await (const chunk of chunks) {
    const n = chunk.length;
    let i = 0;
    if (pendingCR) {
      pendingCR = false;
      if (chunk.charCodeAt(0) === LF) i = 1;
    }
    while (i < n) {
      const c = chunk.charCodeAt(i);
      if (state === State.Quoted) {
        const q = chunk.indexOf('"', i);
        const end = q === -1 ? n : q;
        for (let k = i; k < end; k++) {
          const d = chunk.charCodeAt(k);
          if (d === LF || (d === CR && chunk.charCodeAt(k + 1) !== LF)) line += 1;
        }
        append(chunk.slice(i, end));
        i = end;
        if (q !== -1) {
          state = State.QuoteInQuoted;
          i += 1;
        }
        continue;
      }
      if (state === State.QuoteInQuoted) {
        if (c === QUOTE) {
          append('"');
          state = State.Quoted;
          i += 1;
          continue;
        }
        state = State.AfterQuoted;
      }
      if (c === DELIM) {
        endField();
        i += 1;
        continue;
      }
      if (c === LF || c === CR) {
        endField();
        const out = record();
        if (!blank(out)) yield out;
        line += 1;
        if (c === CR && i + 1 === n) pendingCR = true;
        i += c === CR && chunk.charCodeAt(i + 1) === LF ? 2 : 1;
        recordLine = line;
        continue;
      }
      if (state === State.Start && c === QUOTE) {
        state = State.Quoted;
        quoteLine = line;
        i += 1;
        continue;
      }
      if (state === State.AfterQuoted) {
        error ??= `Unexpected text after a closing quote on line ${line}.`;
      } else if (c === QUOTE) {
        error ??= `Unexpected quote inside an unquoted field on line ${line}: quote the whole field and double the quote.`;
      }
      let j = i + 1;
      while (j < n) {
        const d = chunk.charCodeAt(j);
        if (d === DELIM || d === LF || d === CR) break;
        if (d === QUOTE && !error) {
          error = `Unexpected quote inside an unquoted field on line ${line}: quote the whole field and double the quote.`;
        }
        j += 1;
      }
      append(chunk.slice(i, j));
      if (state === State.Start) state = State.Unquoted;
      i = j;
    }
  }
  if (state === State.Quoted) {
    error = `Unclosed quote: the quoted field opened on line ${quoteLine} runs to the end of the file.`;
  }
  if (state !== State.Start || fields.length > 0 || field !== "") {
    endField();
    const out = record();
    if (!blank(out)) yield out;
  }
}
