/**
 * The bench's score: a held-out label is found when it dominates a gap (a strict majority of that
 * gap's messages carry it). Each label counts once, however many gaps it dominates.
 */
export function scoreHoldout(
  gaps: readonly { messageIds: string[] }[],
  holdout: readonly string[],
  labelOf: (id: string) => string,
) {
  const found = new Set<string>();
  let dominated = 0;
  for (const gap of gaps) {
    const counts = new Map<string, number>();
    for (const id of gap.messageIds) counts.set(labelOf(id), (counts.get(labelOf(id)) ?? 0) + 1);
    for (const [label, count] of counts) {
      if (count * 2 > gap.messageIds.length) {
        dominated++;
        if (holdout.includes(label)) found.add(label);
      }
    }
  }
  return {
    holdout_total: holdout.length,
    holdout_found: found.size,
    found: [...found].sort(),
    missed: holdout.filter((l) => !found.has(l)),
    gaps_with_majority: dominated,
  };
}
