import { getDatabase } from "@/db";
import { defaultAiRegistry } from "@/server/ai/registry";
import { clientIp } from "@/server/api/context";
import { getSessionUser } from "@/server/auth/auth";
import { optimizeStreamResponse } from "@/server/templates/optimize/optimize-stream";

export const dynamic = "force-dynamic";

/** The editor's streamed template optimisation (server/templates/optimize/optimize-stream.ts). */
export async function POST(
  request: Request,
  { params }: { params: Promise<{ id: string }> },
): Promise<Response> {
  const { id } = await params;
  const { db } = await getDatabase();
  return optimizeStreamResponse({
    db,
    request,
    templateId: id,
    getSessionUser,
    ip: clientIp(request.headers),
    ai: defaultAiRegistry(),
  });
}
