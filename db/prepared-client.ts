import type { Sql } from "postgres";

/**
 * The postgres.js client as drizzle should use it: every query a prepared statement.
 *
 * Why: drizzle runs a query unnamed (postgres.js `prepare: false`) unless it was given a name
 * with `.prepare(name)`, whatever the client's own `prepare` option says. postgres.js sends an
 * unnamed query that has parameters as Parse + Describe, waits for PostgreSQL's parameter types,
 * and only then sends Bind + Execute: a round trip more for every such query, and nothing
 * queued behind it on the connection goes out meanwhile (so the reads that tenant-read.ts
 * pipelines behind BEGIN and the RLS settings went out one round trip each). Prepared, a query
 * is described once per connection; each later run is one Bind + Execute, pipelined, and
 * PostgreSQL skips parsing and planning it again.
 *
 * The driver keeps a connection's statements for the connection's life; postgres.js ends each
 * connection after 30–60 minutes (`max_lifetime`), so the statements of queries whose text
 * varies (a list of n values) do not pile up. RLS holds: the policies read the transaction's
 * settings when the statement runs, and PostgreSQL re-plans a statement when the role changes.
 *
 * Transactions (`begin`, `savepoint`) and reserved connections hand drizzle a client of their
 * own: those are wrapped too. Tagged-template queries (tenant-read.ts) take the client's
 * `prepare: true` already.
 */
export function preparingEveryQuery<T extends Sql>(client: T): T {
  return new Proxy(client, {
    get(target, property, receiver) {
      if (property === "unsafe") {
        const unsafe: Sql["unsafe"] = (query, parameters, options) =>
          target.unsafe(query, parameters, { ...options, prepare: true });
        return unsafe;
      }
      if (property === "begin" || property === "savepoint") {
        return (...args: unknown[]) => {
          const callback = args.at(-1) as (sql: Sql) => unknown;
          const rest = args.slice(0, -1);
          const original = Reflect.get(target, property, receiver) as (...a: unknown[]) => unknown;
          return original(...rest, (sql: Sql) => callback(preparingEveryQuery(sql)));
        };
      }
      if (property === "reserve") {
        return async () => preparingEveryQuery(await target.reserve());
      }
      return Reflect.get(target, property, receiver);
    },
  });
}
