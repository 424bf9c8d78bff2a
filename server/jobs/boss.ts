import PgBoss from "pg-boss";
import type { DatabaseHandle } from "@/db/client";
import { log } from "@/server/logger";

export type BossOptions = {
  /** How often pg-boss fails timed-out jobs and hands back those of dead workers. */
  maintenanceIntervalSeconds?: number;
  /** Size of pg-boss's own pool (PostgreSQL). */
  max?: number;
};

/**
 * A pg-boss instance over the process's database. On PostgreSQL pg-boss keeps its own small
 * pool (node-postgres, as the schema's owner); on PGlite it gets an adapter over the one
 * in-process instance (STACK.md): `query` with parameters, `exec` for parameterless scripts.
 * `migrate: false`: the schema comes from db/migrations/0013_pgboss_schema.sql, pg-boss only checks its version.
 */
export function createBoss(handle: DatabaseHandle, options: BossOptions = {}): PgBoss {
  const common = {
    migrate: false,
    schedule: false,
    supervise: true,
    maintenanceIntervalSeconds: options.maintenanceIntervalSeconds ?? 30,
  };
  let boss: PgBoss;
  if (handle.driver === "pglite") {
    const pglite = handle.pglite;
    if (!pglite) throw new Error("PGlite handle without its instance");
    const db = {
      async executeSql(text: string, values?: unknown[]) {
        if (values && values.length > 0) return pglite.query(text, values);
        const results = await pglite.exec(text);
        return results[results.length - 1] ?? { rows: [] };
      },
    };
    boss = new PgBoss({ ...common, db });
  } else {
    boss = new PgBoss({
      ...common,
      connectionString: handle.url,
      max: options.max ?? 8,
      application_name: "parley-jobs",
    });
  }
  boss.on("error", (error) => log.warn("job queue error", { error }));
  return boss;
}

let sender: PgBoss | undefined;

/**
 * A pg-boss used only to build job inserts: `send` with a transaction adapter runs on the
 * caller's transaction, so this instance has no connection of its own and is never started.
 */
export function senderBoss(): PgBoss {
  sender ??= new PgBoss({
    migrate: false,
    db: {
      executeSql: async () => {
        throw new Error("the sender pg-boss runs only inside a caller's transaction");
      },
    },
  });
  return sender;
}
