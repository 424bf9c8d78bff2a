import { getDatabase } from "@/db";
import { clientIp } from "@/server/api/context";
import { getSessionUser } from "@/server/auth/auth";
import { handleDatasetUpload } from "@/server/training/datasets-store/upload-route";

export const dynamic = "force-dynamic";

/** A dataset upload, streamed (server/training/datasets-store/upload-route.ts). */
export async function POST(request: Request): Promise<Response> {
  const { db } = await getDatabase();
  return handleDatasetUpload({ db, request, getSessionUser, ip: clientIp(request.headers) });
}
