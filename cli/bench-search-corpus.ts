import type { TemplateDraft } from "@/server/templates/language/template-schema";
import {
  CLOSERS,
  CORPUS_LANGUAGES,
  CORPUS_TAGS,
  GENERIC,
  INTENTS,
  OPENERS,
  QUALIFIERS,
} from "./bench-search-vocabulary";

// A realistic template library for the search benchmark, generated from support vocabulary
// (bench-search-vocabulary.ts). Deterministic: the same seed gives the same library.

/** mulberry32, seedable: the one in server/training/evaluation/random.ts. */
export { seededRandom } from "@/server/training/evaluation/random";

export type Pick = <T>(items: readonly T[]) => T;
export function picker(random: () => number): Pick {
  return <T>(items: readonly T[]): T => {
    const item = items[Math.floor(random() * items.length)];
    if (item === undefined) throw new Error("pick from an empty list");
    return item;
  };
}

const PLACEHOLDER = /\{([a-zA-Z_][\w.]*)(\|[^}]*)?\}/g;

function variablesOf(content: string): TemplateDraft["variables"] {
  const names = [...new Set([...content.matchAll(PLACEHOLDER)].map((m) => m[1] ?? ""))];
  return names.map((name) => ({
    name,
    type: name.endsWith("amount") ? "currency" : name.endsWith("date") ? "date" : "text",
    required: !name.startsWith("customer"),
  }));
}

/** The `index`-th template of the library: varied names, content, triggers and filters. */
export function corpusTemplate(index: number, pick: Pick, random: () => number): TemplateDraft {
  const base = INTENTS[index % INTENTS.length] ?? INTENTS[0];
  if (!base) throw new Error("no intents");
  const qualifier = pick(QUALIFIERS);
  const name = `${pick(base.names)}${qualifier ? ` (${qualifier})` : ""} #${index + 1}`;
  const body = [pick(OPENERS), ...base.sentences, pick(GENERIC)];
  if (random() < 0.5) body.push(pick(GENERIC));
  body.push(pick(CLOSERS));
  const content = body.join(random() < 0.5 ? " " : "\n\n");
  const triggerCount = 1 + Math.floor(random() * base.triggers.length);
  const triggers = base.triggers.slice(0, triggerCount).map((value) => ({
    kind: value.includes(" ") ? ("phrase" as const) : ("keyword" as const),
    value,
    weight: 1,
    active: true,
  }));
  const roll = random();
  const tags = [...new Set([pick(CORPUS_TAGS), ...(random() < 0.4 ? [pick(CORPUS_TAGS)] : [])])];
  return {
    name,
    category: base.category,
    content,
    status: roll < 0.8 ? "active" : roll < 0.95 ? "draft" : "archived",
    tags,
    language: pick(CORPUS_LANGUAGES),
    variables: variablesOf(content),
    triggers,
  };
}

/** Words the query generator types, whole or as prefixes, with typos. */
export function corpusVocabulary(): { names: string[]; words: string[]; categories: string[] } {
  const names = INTENTS.flatMap((i) => i.names);
  const text = INTENTS.flatMap((i) => [...i.names, ...i.triggers, ...i.sentences]).join(" ");
  const words = [
    ...new Set(
      text
        .toLowerCase()
        .split(/[^a-z]+/)
        .filter((w) => w.length >= 4),
    ),
  ];
  const categories = [...new Set(INTENTS.map((i) => i.category))];
  return { names, words, categories };
}

export { CORPUS_LANGUAGES, CORPUS_TAGS };
