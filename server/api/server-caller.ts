import "server-only";
import { headers as requestHeaders } from "next/headers";
import { cache } from "react";
import { getDatabase } from "@/db";
import { getSessionUser } from "@/server/auth/auth";
import { CLIENT_IP_HEADER } from "@/server/http/client-address";
import { createContext } from "./context";
import { createCaller } from "./root";

/** The signed-in user, read once per request however many components ask. */
export const getCurrentUser = cache(getSessionUser);

/**
 * tRPC for server components: the same procedures, checks and RLS as the HTTP API, without
 * HTTP. One caller per request and workspace. Reading the request headers also keeps every page
 * that uses it dynamic, so `next build` never opens the database.
 */
export const getServerContext = cache(async (workspaceSlug?: string) => {
  const incoming = await requestHeaders();
  const headers = new Headers();
  for (const name of [CLIENT_IP_HEADER, "host", "user-agent"]) {
    const value = incoming.get(name);
    if (value) headers.set(name, value);
  }
  if (workspaceSlug) headers.set("x-parley-workspace", workspaceSlug);
  const { db } = await getDatabase();
  return createContext({ db, headers, getSessionUser: getCurrentUser });
});

export const getServerCaller = cache(async (workspaceSlug?: string) =>
  createCaller(await getServerContext(workspaceSlug)),
);
