/**
 * Runnable example of the typed client:
 *   PARLEY_URL=http://localhost:3000 PARLEY_API_KEY=pk_... npx tsx examples/show-workspace.ts
 * Create a key in Settings → API keys, or with `npm run cli -- apikey:create --workspace acme --name demo`.
 */
import { createParleyClient } from "@/sdk/parley-client";

const url = process.env.PARLEY_URL ?? "http://localhost:3000";
const apiKey = process.env.PARLEY_API_KEY;
if (!apiKey) {
  console.error("Set PARLEY_API_KEY to a workspace API key");
  process.exit(1);
}

const parley = createParleyClient({ url, apiKey });
const workspace = await parley.workspace.get.query();
const members = await parley.workspace.members.list.query();
console.log(`${workspace.name} (${workspace.slug}), ${members.length} members:`);
for (const member of members) console.log(`  ${member.role.padEnd(6)} ${member.email}`);
