import type { SearchInput } from "@/server/templates/search/search-templates";
import {
  CORPUS_LANGUAGES,
  CORPUS_TAGS,
  corpusVocabulary,
  type Pick,
  picker,
  seededRandom,
} from "./bench-search-corpus";

export type BenchQuery = {
  kind: "prefix" | "word" | "two-words" | "misspelling" | "filtered" | "phrase";
  input: Omit<SearchInput, "limit" | "cursor">;
};

/** A typo as people make them: two letters swapped, one dropped, or one doubled. */
function misspell(word: string, random: () => number): string {
  const at = 1 + Math.floor(random() * (word.length - 2));
  const roll = random();
  if (roll < 0.4)
    return word.slice(0, at) + (word[at + 1] ?? "") + (word[at] ?? "") + word.slice(at + 2);
  if (roll < 0.7) return word.slice(0, at) + word.slice(at + 1);
  return word.slice(0, at) + (word[at] ?? "") + word.slice(at);
}

const prefix = (word: string, random: () => number) =>
  word.slice(0, Math.min(word.length, 2 + Math.floor(random() * 5)));

/**
 * What people type into a template search box, in a fixed mix: prefixes as they type (2–6
 * letters), whole words, a word and the start of the next, misspelled template names, quoted
 * phrases, and searches narrowed by status, category, tag or language.
 */
export function benchQueries(count: number, categoryIds: string[], seed = 7): BenchQuery[] {
  const random = seededRandom(seed);
  const pick: Pick = picker(random);
  const { names, words } = corpusVocabulary();
  const nameWords = (name: string) =>
    name
      .toLowerCase()
      .split(/[^a-z]+/)
      .filter((w) => w.length >= 3);
  const queries: BenchQuery[] = [];
  for (let i = 0; i < count; i++) {
    const roll = random();
    const name = pick(names);
    const [first = "order", second = "status"] = nameWords(name);
    if (roll < 0.25) {
      queries.push({ kind: "prefix", input: { query: prefix(pick(words), random) } });
    } else if (roll < 0.45) {
      queries.push({ kind: "word", input: { query: pick(words) } });
    } else if (roll < 0.6) {
      queries.push({ kind: "two-words", input: { query: `${first} ${prefix(second, random)}` } });
    } else if (roll < 0.75) {
      const typo = nameWords(name).map((w) =>
        w.length >= 4 && random() < 0.7 ? misspell(w, random) : w,
      );
      queries.push({ kind: "misspelling", input: { query: typo.join(" ") } });
    } else if (roll < 0.8) {
      queries.push({ kind: "phrase", input: { query: `"${first} ${second}"` } });
    } else {
      const filter = random();
      const base = { query: random() < 0.5 ? pick(words) : prefix(pick(words), random) };
      queries.push({
        kind: "filtered",
        input:
          filter < 0.25
            ? { ...base, status: "active" }
            : filter < 0.45
              ? { ...base, tags: [pick(CORPUS_TAGS)] }
              : filter < 0.65
                ? { ...base, language: pick(CORPUS_LANGUAGES) }
                : filter < 0.85 && categoryIds.length > 0
                  ? { ...base, categoryId: pick(categoryIds) }
                  : { ...base, status: "draft", tags: [pick(CORPUS_TAGS)] },
      });
    }
  }
  return queries;
}
