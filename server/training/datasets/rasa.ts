/**
 * Rasa NLU YAML (`nlu:` → `- intent: name` + `examples: |` lists) → labelled examples. YAML is
 * parsed whole (the file size limit bounds it) with the `yaml` package; alias expansion is
 * capped so a "billion laughs" file is refused instead of filling memory.
 */
import { isMap, isScalar, isSeq, LineCounter, parseDocument } from "yaml";
import { DatasetError, type RawItem } from "./types";

const MAX_ALIASES = 100;

/** "[Berlin](city)" and "[Berlin]{"entity": "city"}" annotations keep their text only. */
export function stripEntities(text: string): string {
  return text.replace(/\[([^\]\n]*)\](?:\([^)\n]*\)|\{[^}\n]*\})/g, "$1");
}

export async function* rasaItems(chunks: AsyncIterable<string>): AsyncGenerator<RawItem> {
  let source = "";
  for await (const chunk of chunks) source += chunk;
  const lineCounter = new LineCounter();
  const doc = parseDocument(source, { lineCounter, uniqueKeys: false });
  const first = doc.errors[0];
  if (first) throw new DatasetError(`The YAML is invalid: ${first.message.split("\n")[0]}`);
  try {
    // Expanding aliases is where a "billion laughs" file explodes; toJS counts and refuses.
    doc.toJS({ maxAliasCount: MAX_ALIASES });
  } catch (error) {
    throw new DatasetError(`The YAML is refused: ${(error as Error).message}`);
  }
  const nlu = isMap(doc.contents) ? doc.contents.get("nlu", true) : null;
  if (!isSeq(nlu)) throw new DatasetError('The YAML has no "nlu:" list of intents.');
  for (const item of nlu.items) {
    if (!isMap(item)) continue;
    const intent = item.get("intent");
    const examples = item.get("examples", true);
    const at = lineCounter.linePos(item.range?.[0] ?? 0).line;
    if (typeof intent !== "string") continue; // synonyms, regexes and lookups are not examples
    if (!isScalar(examples) || typeof examples.value !== "string") {
      yield { line: at, error: `Intent "${intent}" has no "examples: |" block.` };
      continue;
    }
    // A block scalar's range starts at its "|" indicator: examples start on the next line.
    const blockLine = lineCounter.linePos(examples.range?.[0] ?? 0).line;
    const pending: RawItem[] = [];
    const block = examples.type === "BLOCK_LITERAL" || examples.type === "BLOCK_FOLDED";
    examples.value.split("\n").forEach((raw, i) => {
      const line = block ? blockLine + 1 + i : blockLine;
      const match = /^\s*-\s+(.*)$/.exec(raw);
      if (!match) {
        if (raw.trim())
          pending.push({ line, error: `Expected "- example" in intent "${intent}".` });
        return;
      }
      const text = stripEntities(match[1] ?? "").trim();
      if (text) pending.push({ line, row: { kind: "example", text, label: intent } });
    });
    yield* pending;
  }
}
