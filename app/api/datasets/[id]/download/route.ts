import { getDatabase } from "@/db";
import { clientIp } from "@/server/api/context";
import { getSessionUser } from "@/server/auth/auth";
import { handleDatasetDownload } from "@/server/training/datasets-store/download";

export const dynamic = "force-dynamic";

/** The dataset rebuilt as CSV or JSONL, streamed (server/training/datasets-store/download.ts). */
export async function GET(
  request: Request,
  { params }: { params: Promise<{ id: string }> },
): Promise<Response> {
  const { id } = await params;
  const { db } = await getDatabase();
  return handleDatasetDownload({
    db,
    request,
    datasetId: id,
    getSessionUser,
    ip: clientIp(request.headers),
  });
}
