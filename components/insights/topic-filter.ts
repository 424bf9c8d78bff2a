/**
 * The Topics table's filter: words typed by the admin (every word must occur in the topic's
 * name, key phrases or example messages, case and accents ignored) and whether the topic's
 * messages were mostly answered. Pure, so the table and its test share it.
 */
export type AnsweredFilter = "all" | "answered" | "unanswered";

export interface FilterableTopic {
  topic: string;
  keyPhrases: readonly string[];
  examples: readonly string[];
  answered: boolean;
}

const fold = (text: string) => text.normalize("NFKD").replace(/\p{M}/gu, "").toLowerCase();

export function filterTopics<T extends FilterableTopic>(
  topics: readonly T[],
  query: string,
  answered: AnsweredFilter,
): T[] {
  const words = fold(query).split(/\s+/).filter(Boolean);
  return topics.filter((t) => {
    if (answered === "answered" && !t.answered) return false;
    if (answered === "unanswered" && t.answered) return false;
    if (words.length === 0) return true;
    const haystack = fold([t.topic, ...t.keyPhrases, ...t.examples].join("\n"));
    return words.every((word) => haystack.includes(word));
  });
}
