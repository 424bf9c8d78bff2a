import { seededRandom } from "@/server/training/evaluation/random";

/**
 * Labelled texts with a known answer and no dataset behind them: each label owns ten made-up
 * words, and a text mixes some of them with common words. Big enough sets take seconds to fit,
 * which the cancel test needs.
 */
export function syntheticExamples(labels: number, perLabel: number, seed = 3) {
  const random = seededRandom(seed);
  const word = () =>
    Array.from({ length: 4 + Math.floor(random() * 5) }, () =>
      String.fromCharCode(97 + Math.floor(random() * 26)),
    ).join("");
  const common = Array.from({ length: 200 }, word);
  const own = Array.from({ length: labels }, () => Array.from({ length: 10 }, word));
  const pick = <T>(items: T[]) => items[Math.floor(random() * items.length)] as T;
  return own.flatMap((words, k) =>
    Array.from({ length: perLabel }, () => ({
      label: `label-${k}`,
      text: Array.from({ length: 12 }, (_, i) => (i % 3 === 0 ? pick(words) : pick(common))).join(
        " ",
      ),
    })),
  );
}
