import { getDatabase } from "@/db";
import { DEMO, seedDemo } from "@/db/seed";

type Values = Record<string, string | boolean | undefined>;
type OptionSpec = Record<string, { type: "string" | "boolean"; default?: string | boolean }>;

export type Command = {
  help: string;
  options: OptionSpec;
  // biome-ignore lint/suspicious/noExplicitAny: each command returns its own JSON shape
  run: (values: Values) => Promise<any>;
  // biome-ignore lint/suspicious/noExplicitAny: matches run's result
  describe: (result: any) => string;
};

export function requireString(values: Values, name: string): string {
  const value = values[name];
  if (typeof value !== "string" || value.trim() === "") throw new Error(`--${name} is required`);
  return value.trim();
}

export const commands: Record<string, Command> = {
  migrate: {
    help: "apply pending database migrations",
    options: {},
    run: async () => {
      const handle = await getDatabase();
      return { ok: true, driver: handle.driver };
    },
    describe: (r) => `migrations applied (${r.driver})`,
  },
  seed: {
    help: "create or refresh the demo workspace (idempotent)",
    options: { banner: { type: "boolean" } },
    run: async (values) => {
      const { db } = await getDatabase();
      const result = await seedDemo(db);
      return { ok: true, ...result, banner: values.banner === true };
    },
    describe: (r) =>
      r.banner
        ? [
            "",
            "  Parley demo workspace ready: Acme Store (/w/acme)",
            `  owner  ${DEMO.owner.email}  password ${DEMO.owner.password}`,
            `  agent  ${DEMO.agent.email}  password ${DEMO.agent.password}`,
            "",
          ].join("\n")
        : `demo workspace ${r.created.workspace ? "created" : "already present"} (${r.created.users} new users)`,
  },
};
