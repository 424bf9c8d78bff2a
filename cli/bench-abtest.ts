import { assignVariant } from "@/server/abtests/assignment";
import { plannedSamplePerVariant } from "@/server/abtests/plan";
import { computeResults } from "@/server/abtests/results";
import { seededRandom } from "@/server/training/evaluation/random";

export type BenchAbTestOptions = { simulations: number; seed: number };

const BASE = 0.3;
const LIFT = 0.1;
const ALPHA = 0.05;

/**
 * Simulated traffic through the product's own procedure: conversations are assigned with the
 * same deterministic hash as the inbox (50/50), outcomes drawn from each arm's true resolution
 * rate, traffic stops once every variant has the planned sample (the fixed horizon from the
 * same power analysis as abTests.create: α 0.05, power 0.8, MDE 10 points on a 30% base), and
 * the verdict comes from computeResults, the function behind abTests.results.
 * - aa_reject_rate: share of A/A tests (30% vs 30%) with a significant verdict (expect ≈ α);
 * - power_observed: share of A/B tests (30% vs 40%) whose verdict names B the winner.
 */
export function benchAbTest(options: BenchAbTestOptions) {
  const started = performance.now();
  const planned = plannedSamplePerVariant({
    metric: "resolution_rate",
    alpha: ALPHA,
    power: 0.8,
    mde: LIFT,
    baseRate: BASE,
    variants: 2,
  });
  const random = seededRandom(options.seed);
  const variants = [
    { id: "A", label: "A", weight: 1 },
    { id: "B", label: "B", weight: 1 },
  ];
  const simulate = (sim: number, rates: { A: number; B: number }) => {
    const values: { A: number[]; B: number[] } = { A: [], B: [] };
    const testId = `bench-${options.seed}-${sim}`;
    for (let i = 0; values.A.length < planned || values.B.length < planned; i++) {
      const v = assignVariant(testId, `conversation-${i}`, variants).id as "A" | "B";
      values[v].push(random() < rates[v] ? 1 : 0);
    }
    return computeResults(
      { metric: "resolution_rate", alpha: ALPHA, plannedPerVariant: planned },
      variants.map((v) => ({ variantId: v.id, label: v.label, values: values[v.id as "A" | "B"] })),
    );
  };
  let aaRejects = 0;
  let detected = 0;
  let conversations = 0;
  for (let s = 0; s < options.simulations; s++) {
    const aa = simulate(2 * s, { A: BASE, B: BASE });
    if (aa.verdict?.significant) aaRejects++;
    const ab = simulate(2 * s + 1, { A: BASE, B: BASE + LIFT });
    if (ab.verdict?.winnerVariantId === "B") detected++;
    conversations +=
      aa.variants.reduce((n, v) => n + v.n, 0) + ab.variants.reduce((n, v) => n + v.n, 0);
  }
  return {
    simulations: options.simulations,
    planned_per_variant: planned,
    alpha: ALPHA,
    base_rate: BASE,
    lift: LIFT,
    aa_reject_rate: aaRejects / options.simulations,
    power_observed: detected / options.simulations,
    conversations,
    seconds: Math.round((performance.now() - started) / 10) / 100,
  };
}
