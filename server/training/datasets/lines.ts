/** Decoded text chunks to lines (LF, CRLF or CR), numbered from 1, streaming. */
export async function* textLines(
  chunks: AsyncIterable<string>,
): AsyncGenerator<{ line: number; text: string }> {
  let rest = "";
  let line = 0;
  // A chunk ending in "\r" may be followed by the "\n" of the same CRLF in the next chunk.
  let skipLF = false;
  for await (const chunk of chunks) {
    let text = rest + (skipLF && chunk.startsWith("\n") ? chunk.slice(1) : chunk);
    skipLF = false;
    let complete = false;
    if (text.endsWith("\r")) {
      text = text.slice(0, -1);
      skipLF = true;
      complete = true;
    }
    const parts = text.split(/\r\n|\n|\r/);
    rest = complete ? "" : (parts.pop() ?? "");
    for (const part of parts) {
      line += 1;
      yield { line, text: part };
    }
  }
  if (rest !== "") yield { line: line + 1, text: rest };
}
