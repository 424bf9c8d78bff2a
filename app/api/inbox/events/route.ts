import { getDatabase } from "@/db";
import { clientIp } from "@/server/api/context";
import { getSessionUser } from "@/server/auth/auth";
import { inboxEventsResponse } from "@/server/inbox/events-stream";

export const dynamic = "force-dynamic";

/** The inbox's live changes as server-sent events (server/inbox/events-stream.ts). */
export async function GET(request: Request): Promise<Response> {
  const handle = await getDatabase();
  return inboxEventsResponse({
    handle,
    request,
    getSessionUser,
    ip: clientIp(request.headers),
  });
}
