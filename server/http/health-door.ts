import type { IncomingMessage, ServerResponse } from "node:http";
import { type DatabaseHandle, openDatabase } from "../../db/client";
import { getEnv } from "../env";
import { healthReport } from "./health";

/**
 * /api/health answered by the front server (server.mjs) before Next.js, on a database
 * connection of its own: under load the request path's pool and Next.js's routing queue
 * behind the API calls, and a load balancer would take a busy process for a dead one. Same
 * report as the route (server/http/health.ts). Only with PostgreSQL; on the embedded database
 * (one connection, one process) the route answers as before.
 *
 * Returns a function that answers and returns true for a GET/HEAD of /api/health, else false.
 */
export function createHealthDoor(): (req: IncomingMessage, res: ServerResponse) => boolean {
  const env = getEnv();
  const url = env.DATABASE_URL;
  if (!url) return () => false;
  let own: DatabaseHandle | undefined;
  // Opened on the first probe: a process that is never probed holds no extra connection.
  const database = async () => {
    own ??= openDatabase({ url, dir: env.PGLITE_DIR, max: 1 });
    return own;
  };
  return (req, res) => {
    if (req.method !== "GET" && req.method !== "HEAD") return false;
    if ((req.url ?? "").split("?")[0] !== "/api/health") return false;
    void healthReport(database).then(({ status, body }) => {
      res.statusCode = status;
      res.setHeader("Content-Type", "application/json");
      res.end(req.method === "HEAD" ? undefined : JSON.stringify(body));
    });
    return true;
  };
}
