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
  const before = (a: [string, number], b: [string, number]) =>
    a[1] > b[1] || (a[1] === b[1] && a[0] < b[0]);
  for (const [templateId, probability] of probabilities) {
    if (hasOtherSignal(templateId)) continue;
    const entry: [string, number] = [templateId, probability];
    const last = best[best.length - 1];
    if (best.length >= limit && last && !before(entry, last)) continue;
    let i = best.length;
    while (i > 0 && before(entry, best[i - 1] as [string, number])) i--;
    best.splice(i, 0, entry);
    if (best.length > limit) best.pop();
  }
  return best;
}
