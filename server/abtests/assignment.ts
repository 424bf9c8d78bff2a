import { createHash } from "node:crypto";

export type WeightedVariant = { id: string; weight: number };

/**
 * A conversation's variant: SHA-256 of "testId:conversationId" → a uniform number in [0, 1) →
 * the bucket of the cumulative weights (variants in position order). Deterministic, so the
 * inbox, suggestions and results agree without coordination.
 */
export function assignVariant<T extends WeightedVariant>(
  testId: string,
  conversationId: string,
  variants: readonly T[],
): T {
  const first = variants[0];
  if (!first) throw new Error("A test needs at least one variant");
  const digest = createHash("sha256").update(`${testId}:${conversationId}`).digest();
  // 48 bits are plenty for weights in the thousands and stay exact in a double.
  const u = digest.readUIntBE(0, 6) / 2 ** 48;
  const total = variants.reduce((s, v) => s + v.weight, 0);
  let cumulative = 0;
  for (const v of variants) {
    cumulative += v.weight / total;
    if (u < cumulative) return v;
  }
  return variants[variants.length - 1] ?? first;
}
