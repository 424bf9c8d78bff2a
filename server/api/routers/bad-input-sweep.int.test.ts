import { TRPCError } from "@trpc/server";
import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import type { Database } from "@/db";
import { readRows } from "@/db/migrate";
import { testDatabase } from "@/test/db";
import { type Caller, catchError, signUpOwner, type TestWorkspace } from "@/test/factories";
import { callProcedure, listProcedures, textFields } from "@/test/router-walk";

/**
 * Issue #7, "Must show": every procedure of appRouter, found by walking the router (a new
 * procedure is swept without editing this file). Each text field of its input gets NUL, a lone
 * surrogate, a bidi override, 1 MB of text and a number instead of text, with the other
 * required fields minimal and valid. Every answer is a 4xx TRPCError, a BAD_REQUEST names the
 * field, never INTERNAL_SERVER_ERROR, and nothing is written anywhere.
 */
let db: Database;
let owner: Caller;
let workspace: TestWorkspace;
let ownerId: string;

const BAD_VALUES: [string, unknown][] = [
  ["NUL", "sweep\u0000x"],
  ["lone surrogate", "sweep\uD800x"],
  ["bidi override", "sweep\u202Ex"],
  ["1 MB", "x".repeat(1_000_000)],
  ["a number", 12_345],
];

/**
 * Procedures that answer bad content with a report instead of an error, by design: the
 * editor's live check and the import preview list every problem at once. They must still
 * write nothing, and their report must say the input was not accepted.
 */
const REPORTS_PROBLEMS: Record<string, (result: unknown) => boolean> = {
  "templates.validate": (r) => (r as { ok: boolean }).ok === false,
  "templates.import": (r) => (r as { committed: boolean; rejected: unknown[] }).committed === false,
};

/** Rows anything could have written: the sweep workspace's tenant rows, and global rows. */
async function snapshot(): Promise<Record<string, number>> {
  const tables = readRows<{ table_name: string }>(
    await db.execute(sql`select table_name from information_schema.columns
      where table_schema = 'public' and column_name = 'workspace_id' order by table_name`),
  ).map((r) => r.table_name);
  const counts: Record<string, number> = {};
  for (const table of tables) {
    const [row] = readRows<{ n: number }>(
      await db.execute(
        sql`select count(*)::int as n from ${sql.identifier(table)} where workspace_id = ${workspace.id}`,
      ),
    );
    counts[table] = row?.n ?? 0;
  }
  const [global] = readRows<{ users: number; workspaces: number; memberships: number }>(
    await db.execute(sql`select
      (select count(*)::int from users where email like 'sweep-%' or name like 'sweep%') as users,
      (select count(*)::int from workspaces where name like 'sweep%') as workspaces,
      (select count(*)::int from memberships where user_id = ${ownerId}) as memberships`),
  );
  return { ...counts, ...global };
}

beforeAll(async () => {
  db = await testDatabase();
  const signedUp = await signUpOwner(db, { workspaceName: "Sweep bad input" });
  ({ caller: owner, workspace } = signedUp);
  ownerId = signedUp.user.id;
});

describe("bad-input sweep over every procedure of appRouter", () => {
  const procedures = listProcedures();

  it("finds the procedures and their text fields", () => {
    expect(procedures.length).toBeGreaterThanOrEqual(36);
    const create = procedures.find((p) => p.path === "templates.create");
    const fields = create?.input ? textFields(create.input).map((f) => f.path.join(".")) : [];
    expect(fields).toEqual(
      expect.arrayContaining(["name", "content", "tags.0", "variables.0.name", "triggers.0.value"]),
    );
  });

  it("every text field answers each bad value with a 4xx and writes nothing", async () => {
    const before = await snapshot();
    const failures: string[] = [];
    let calls = 0;
    for (const procedure of procedures) {
      if (!procedure.input) continue;
      for (const field of textFields(procedure.input)) {
        const where = `${procedure.path}(${field.path.join(".") || "input"})`;
        for (const [label, value] of BAD_VALUES) {
          calls++;
          const input = field.withValue(value);
          let outcome: unknown;
          try {
            outcome = { result: await callProcedure(owner, procedure.path, input) };
          } catch (error) {
            outcome = error;
          }
          if (!(outcome instanceof TRPCError)) {
            const reported = REPORTS_PROBLEMS[procedure.path];
            const result = (outcome as { result?: unknown }).result;
            if (!(reported && result !== undefined && reported(result))) {
              failures.push(`${where} ${label}: answered ${summarise(outcome)}`);
            }
            continue;
          }
          const caught = await catchError(Promise.reject(outcome));
          if (caught.shape.data.httpStatus < 400 || caught.shape.data.httpStatus >= 500) {
            failures.push(`${where} ${label}: ${caught.code} ${caught.message}`);
          } else if (caught.code === "BAD_REQUEST" && !namesField(caught, field.path)) {
            failures.push(
              `${where} ${label}: BAD_REQUEST without a field error for it (${JSON.stringify(caught.shape.data.fieldErrors)})`,
            );
          }
        }
      }
    }
    expect(failures).toEqual([]);
    expect(calls).toBeGreaterThan(300);
    expect(await snapshot()).toEqual(before);
  });
});

/** The field error names the field: its top-level key, or its dotted path inside a draft. */
function namesField(
  caught: Awaited<ReturnType<typeof catchError>>,
  path: (string | number)[],
): boolean {
  const keys = Object.keys(caught.shape.data.fieldErrors ?? {});
  const dotted = path.join(".");
  return keys.some(
    (key) => key === String(path[0]) || dotted.startsWith(`${key}.`) || key.startsWith(dotted),
  );
}

function summarise(outcome: unknown): string {
  const text = JSON.stringify(outcome) ?? String(outcome);
  return text.length > 200 ? `${text.slice(0, 200)}…` : text;
}
