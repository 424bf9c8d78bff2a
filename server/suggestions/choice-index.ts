import { jaccard } from "./text-tokens";

/** Token overlap from which two messages count as "similar". */
export const SIMILARITY_FLOOR = 0.5;

/** One decided suggestion event: the message's hash and content words, and what the agent used. */
export interface DecidedChoice {
  templateId: string;
  textHash: string;
  tokens: readonly string[];
}

/**
 * A workspace's recent decided choices, indexed by text hash and by content word, so a message
 * is compared only with the choices that share its text or at least one of its words (the rest
 * cannot reach the floor). Built once per snapshot (workspace-inputs.ts), read by every request.
 */
export interface ChoiceIndex {
  choices: readonly DecidedChoice[];
  byHash: Map<string, number[]>;
  byToken: Map<string, number[]>;
}

export function indexChoices(choices: readonly DecidedChoice[]): ChoiceIndex {
  const byHash = new Map<string, number[]>();
  const byToken = new Map<string, number[]>();
  const add = (map: Map<string, number[]>, key: string, i: number) => {
    const list = map.get(key);
    if (list) list.push(i);
    else map.set(key, [i]);
  };
  choices.forEach((choice, i) => {
    add(byHash, choice.textHash, i);
    // A row's tokens are distinct (contentTokens), so each index appears once per word.
    for (const token of choice.tokens) add(byToken, token, i);
  });
  return { choices, byHash, byToken };
}

/**
 * Agents' choices for messages like this one: the same text (same hash as training examples
 * use) counts fully, otherwise the Jaccard overlap of content words when it reaches the floor.
 * One entry per similar decided event, as the ranking's past-choice shares expect.
 */
export function similarChoices(
  index: ChoiceIndex,
  message: { textHash: string; tokens: readonly string[] },
): { templateId: string; similarity: number }[] {
  if (message.tokens.length === 0) return [];
  const candidates = new Set<number>(index.byHash.get(message.textHash));
  for (const token of message.tokens) {
    for (const i of index.byToken.get(token) ?? []) candidates.add(i);
  }
  const out: { templateId: string; similarity: number }[] = [];
  for (const i of [...candidates].sort((a, b) => a - b)) {
    const choice = index.choices[i];
    if (!choice) continue;
    const similarity =
      choice.textHash === message.textHash ? 1 : jaccard(choice.tokens, message.tokens);
    if (similarity >= SIMILARITY_FLOOR) out.push({ templateId: choice.templateId, similarity });
  }
  return out;
}
