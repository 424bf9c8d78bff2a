import { parseArgs } from "node:util";
import { closeDatabase } from "@/db";
import { commands } from "./commands";

/**
 * `npm run cli -- <command> [--flags]`. Every command prints one JSON object with --json
 * (what scripts parse) and a readable summary otherwise. Exit code 1 on any error, with the
 * message on stderr (as JSON too with --json).
 */
async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  const command = name ? commands[name] : undefined;
  if (!command) {
    process.stderr.write(usage());
    return name && name !== "help" && name !== "--help" ? 1 : 0;
  }
  const { values, positionals } = parseArgs({
    args: rest,
    options: { ...command.options, json: { type: "boolean" } },
    strict: true,
    allowPositionals: true,
  });
  const json = values.json === true;
  try {
    if (positionals.length > 0 && !command.positionals) {
      throw new Error(`unexpected argument "${positionals[0]}"`);
    }
    const result = await command.run(
      values as Record<string, string | boolean | undefined>,
      positionals,
    );
    process.stdout.write(json ? `${JSON.stringify(result)}\n` : `${command.describe(result)}\n`);
    return 0;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(json ? `${JSON.stringify({ error: message })}\n` : `error: ${message}\n`);
    return 1;
  } finally {
    await closeDatabase();
  }
}

function usage(): string {
  const lines = Object.entries(commands).map(([name, c]) => `  ${name.padEnd(18)} ${c.help}`);
  return `Usage: npm run cli -- <command> [options] [--json]\n\nCommands:\n${lines.join("\n")}\n`;
}

main(process.argv.slice(2)).then((code) => process.exit(code));
