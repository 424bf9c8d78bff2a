/**
 * Of the templates whose only signal is the model's probability, the ones that can still reach
 * the first `limit` places: the best `limit`, in compareRanked's order for them (probability,
 * then id). With the model as its only signal a template's parts are the model's alone
 * (ranking.ts, partsOf), so its confidence, and whether it is confident, grow with the
 * probability and nothing else: a lower one can never pass `limit` of these. The answer is then
 * exactly what ranking every template would give (model-contenders.test.ts compares them),
 * without a signal record and a score for each of the 77–1,000 templates a model knows when an
 * answer shows three: in the server's profile under 50 clients those were ≈ 5 % of the main
 * thread's time per call.
 */
export function modelOnlyContenders(
  probabilities: ReadonlyMap<string, number>,
  hasOtherSignal: (templateId: string) => boolean,
  limit: number,
): [templateId: string, probability: number][] {
  const best: [string, number][] = [];
  for (const [templateId, probability] of probabilities) {
    if (hasOtherSignal(templateId)) continue;
    // Most templates miss the cut: compared before an entry is made for them.
    const last = best[best.length - 1];
    if (best.length >= limit && last && !goesBefore(templateId, probability, last)) continue;
    let i = best.length;
    while (i > 0 && goesBefore(templateId, probability, best[i - 1] as [string, number])) i--;
    best.splice(i, 0, [templateId, probability]);
    if (best.length > limit) best.pop();
  }
  return best;
}

/** Higher probability first, then the lower id (compareRanked's order for model-only templates). */
function goesBefore(templateId: string, probability: number, other: [string, number]): boolean {
  return probability > other[1] || (probability === other[1] && templateId < other[0]);
}
