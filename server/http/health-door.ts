import type { IncomingMessage, ServerResponse } from "node:http";
import { type DatabaseHandle, openDatabase } from "../../db/client";
import { getEnv } from "../env";
import { type HealthReport, healthReport } from "./health";

/** A report younger than this is answered as it is. */
export const HEALTH_FRESH_MS = 1_000;
/** Up to this age it is answered while a new check runs; older, the probe waits for the check. */
export const HEALTH_STALE_MS = 5_000;

type Check = (database: () => Promise<DatabaseHandle>) => Promise<HealthReport>;

/**
 * /api/health answered by the front server (server.mjs) before Next.js, on a database
 * connection of its own: under load the request path's pool and Next.js's routing queue
 * behind the API calls, and a load balancer would take a busy process for a dead one. Same
 * report as the route (server/http/health.ts). Only with PostgreSQL; on the embedded database
 * (one connection, one process) the route answers as before.
 *
 * The database part is checked at most once per HEALTH_FRESH_MS and the probe answered from the
 * last check (its age in `checkedMsAgo`): under load every database round trip waits for a turn
 * of the busy event loop (admission.ts), so a probe that checked for itself took two turns
 * (p50 48 ms at 600 suggestions/s here), one that answers from memory takes the one its request
 * waited for. A failing database still shows within HEALTH_FRESH_MS plus one check.
 *
 * Returns a function that answers and returns true for a GET/HEAD of /api/health, else false.
 */
export function createHealthDoor(
  check: Check = healthReport,
  now: () => number = () => performance.now(),
): (req: IncomingMessage, res: ServerResponse) => boolean {
  const env = getEnv();
  const url = env.DATABASE_URL;
  if (!url) return () => false;
  let own: DatabaseHandle | undefined;
  // Opened on the first probe: a process that is never probed holds no extra connection.
  const database = async () => {
    own ??= openDatabase({ url, dir: env.PGLITE_DIR, max: 1 });
    return own;
  };
  type Checked = { report: HealthReport; at: number };
  let last: Checked | undefined;
  let checking: Promise<Checked> | undefined;
  const recheck = () => {
    checking ??= check(database)
      .then((report) => {
        last = { report, at: now() };
        return last;
      })
      .finally(() => {
        checking = undefined;
      });
    return checking;
  };
  const current = async (): Promise<Checked> => {
    const seen = last;
    const age = seen ? now() - seen.at : Number.POSITIVE_INFINITY;
    if (seen && age <= HEALTH_FRESH_MS) return seen;
    const pending = recheck();
    return seen && age <= HEALTH_STALE_MS ? seen : pending;
  };
  return (req, res) => {
    if (req.method !== "GET" && req.method !== "HEAD") return false;
    if ((req.url ?? "").split("?")[0] !== "/api/health") return false;
    void current().then(({ report, at }) => {
      res.statusCode = report.status;
      res.setHeader("Content-Type", "application/json");
      const answer = { ...report.body, checkedMsAgo: Math.round(now() - at) };
      res.end(req.method === "HEAD" ? undefined : JSON.stringify(answer));
    });
    return true;
  };
}
