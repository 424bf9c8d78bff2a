import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { getDatabase } from "@/db";
import { createContext } from "@/server/api/context";
import { appRouter } from "@/server/api/root";
import { getSessionUser } from "@/server/auth/auth";

export const dynamic = "force-dynamic";

function handler(req: Request) {
  return fetchRequestHandler({
    endpoint: "/api/trpc",
    req,
    router: appRouter,
    createContext: async () => {
      const { db } = await getDatabase();
      return createContext({ db, headers: req.headers, getSessionUser });
    },
  });
}

export { handler as GET, handler as POST };
