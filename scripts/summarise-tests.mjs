// Prints one line, "tests: N passed, N failed", from vitest's and Playwright's JSON reports,
// and exits non-zero when a report is missing or anything failed or was skipped.
import { existsSync, readFileSync } from "node:fs";

const [vitestFile, playwrightFile] = process.argv.slice(2);
let passed = 0;
let failed = 0;
let skipped = 0;
for (const file of [vitestFile, playwrightFile]) {
  if (!file || !existsSync(file)) {
    console.error(`missing test report: ${file}`);
    process.exit(1);
  }
}
const vitest = JSON.parse(readFileSync(vitestFile, "utf8"));
passed += vitest.numPassedTests;
failed += vitest.numFailedTests;
skipped += vitest.numPendingTests + (vitest.numTodoTests ?? 0);
const playwright = JSON.parse(readFileSync(playwrightFile, "utf8"));
passed += playwright.stats.expected + playwright.stats.flaky;
failed += playwright.stats.unexpected;
skipped += playwright.stats.skipped;
console.log(`tests: ${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ""}`);
process.exit(failed > 0 || skipped > 0 || passed === 0 ? 1 : 0);
