/**
 * Loading a trained model artefact: wall and CPU time of `deserializeModel` (synchronous) and
 * `deserializeModelAsync` (sliced), the longest event-loop stall during each (a setImmediate probe
 * measures the gaps between its turns), the loaded model's memory, and whether both loads give
 * the same probabilities. Prints one JSON line per repetition; not a test.
 *
 *   npx tsx bench/model-load.ts <artefact.bin> [--reps 5] [--texts messages.csv]
 *
 * The artefact: any serialised model, e.g. one written by a small script calling trainModel on
 * BANKING77's train.csv (the full set gives a format-2 model with 10,003 neighbour rows).
 */
import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { modelMemoryBytes, probabilities } from "@/server/training/model/model";
import * as serialize from "@/server/training/model/serialize";

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { reps: { type: "string", default: "5" } },
});
const file = positionals[0];
if (!file) throw new Error("usage: bench/model-load.ts <artefact.bin>");
const bytes = new Uint8Array(readFileSync(file));
const texts = [
  "I still have not received my new card, it has been two weeks",
  "why was I charged a fee for topping up",
  "how do I change my PIN",
  "my transfer to a friend failed",
  "which currencies can I hold",
  "zzz qqq",
  "",
];

/** Runs `work` while a setImmediate loop records the longest gap between its turns. */
async function withProbe<T>(work: () => Promise<T> | T) {
  let last = performance.now();
  let longest = 0;
  let running = true;
  const tick = () => {
    const now = performance.now();
    longest = Math.max(longest, now - last);
    last = now;
    if (running) setImmediate(tick);
  };
  setImmediate(tick);
  await new Promise((resolve) => setImmediate(resolve));
  const cpu = process.cpuUsage();
  const started = performance.now();
  const value = await work();
  const wallMs = performance.now() - started;
  const used = process.cpuUsage(cpu);
  running = false;
  await new Promise((resolve) => setImmediate(resolve));
  return { value, wallMs, cpuMs: (used.user + used.system) / 1000, longestStallMs: longest };
}

const round = (x: number) => Math.round(x * 10) / 10;

/** The longest single piece of the sliced load (CPU and wall ms): the floor of its stall. */
function longestStep() {
  const steps = serialize.deserializeSteps(bytes);
  let cpuMs = 0;
  let wallMs = 0;
  let count = 0;
  for (let done = false; !done; count++) {
    const cpu = process.cpuUsage();
    const started = performance.now();
    done = Boolean(steps.next().done);
    wallMs = Math.max(wallMs, performance.now() - started);
    const used = process.cpuUsage(cpu);
    cpuMs = Math.max(cpuMs, (used.user + used.system) / 1000);
  }
  return { steps: count, cpuMs: round(cpuMs), wallMs: round(wallMs) };
}
for (let rep = 0; rep < Number(values.reps); rep++) {
  const sync = await withProbe(() => serialize.deserializeModel(bytes));
  const sliced = await withProbe(() => serialize.deserializeModelAsync(bytes));
  const identical = texts.every((text) => {
    const a = probabilities(sync.value, text);
    const b = probabilities(sliced.value, text);
    return a.length === b.length && a.every((v, i) => Object.is(v, b[i]));
  });
  console.log(
    JSON.stringify({
      rep,
      knnRows: sync.value.knn?.texts.length ?? 0,
      sync: {
        wallMs: round(sync.wallMs),
        cpuMs: round(sync.cpuMs),
        longestStallMs: round(sync.longestStallMs),
      },
      async: {
        wallMs: round(sliced.wallMs),
        cpuMs: round(sliced.cpuMs),
        longestStallMs: round(sliced.longestStallMs),
      },
      longestStep: longestStep(),
      identical,
      modelMemoryBytes: modelMemoryBytes(sync.value),
    }),
  );
}
