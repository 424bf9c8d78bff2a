import { type SQL, sql } from "drizzle-orm";
import type { Tx } from "@/db";
import { readRows } from "@/db/migrate";

/**
 * pg-boss's `db` adapter over a Drizzle transaction, so a job is inserted in the caller's
 * tenant transaction: rolled back with it, visible to workers only after the commit. pg-boss
 * sends positional SQL (`$1`…); it is rebuilt as a Drizzle SQL with the same parameters, which
 * works on both drivers. Objects become JSON text, as node-postgres would send them.
 */
export function txAdapter(tx: Tx) {
  return {
    async executeSql(text: string, values: unknown[] = []): Promise<{ rows: unknown[] }> {
      const result = await tx.execute(positional(text, values));
      return { rows: readRows(result) };
    },
  };
}

export function positional(text: string, values: unknown[]): SQL {
  const parts = text.split(/\$(\d+)/);
  const chunks: SQL[] = [];
  for (let i = 0; i < parts.length; i++) {
    if (i % 2 === 0) {
      chunks.push(sql.raw(parts[i] ?? ""));
    } else {
      const value = values[Number(parts[i]) - 1];
      chunks.push(sql`${toParameter(value)}`);
    }
  }
  return sql.join(chunks, sql.raw(""));
}

function toParameter(value: unknown): unknown {
  if (value === undefined) return null;
  if (value !== null && typeof value === "object" && !(value instanceof Date)) {
    return JSON.stringify(value);
  }
  return value;
}
