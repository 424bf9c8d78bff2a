import { handleTrpcRequest } from "@/server/api/trpc-http";
import { readSessionUserCached } from "@/server/auth/session-token";

export const dynamic = "force-dynamic";

/**
 * The tRPC API under `next dev`. In production the front server answers /api/trpc itself
 * (server/http/trpc-front-door.ts) with the same handler, so this route is not reached there.
 */
function handler(req: Request) {
  return handleTrpcRequest(req, readSessionUserCached);
}

export { handler as GET, handler as POST };
