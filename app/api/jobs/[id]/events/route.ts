import { getDatabase } from "@/db";
import { clientIp } from "@/server/api/context";
import { getSessionUser } from "@/server/auth/auth";
import { jobEventsResponse } from "@/server/jobs/job-events-stream";

export const dynamic = "force-dynamic";

/** A job's progress as server-sent events (see server/jobs/job-events-stream.ts). */
export async function GET(
  request: Request,
  { params }: { params: Promise<{ id: string }> },
): Promise<Response> {
  const { id } = await params;
  const handle = await getDatabase();
  return jobEventsResponse({
    handle,
    request,
    jobId: id,
    getSessionUser,
    ip: clientIp(request.headers),
  });
}
