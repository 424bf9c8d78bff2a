import { getDatabase } from "@/db";
import { healthReport } from "@/server/http/health";

export const dynamic = "force-dynamic";

/**
 * The health check (server/http/health.ts). Under `npm start` the front server answers
 * /api/health itself before Next.js (server/http/health-door.ts); this route serves
 * `next start`/`next dev` run directly.
 */
export async function GET(): Promise<Response> {
  const report = await healthReport(getDatabase);
  return Response.json(report.body, { status: report.status });
}
