import { DrizzleAdapter } from "@auth/drizzle-adapter";
import NextAuth, { CredentialsSignin, type NextAuthConfig } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import GitHub from "next-auth/providers/github";
import Google from "next-auth/providers/google";
import { z } from "zod";
import { getDatabase } from "@/db";
import { accounts, sessions, users, verificationTokens } from "@/db/schema";
import { safeCallbackUrl } from "@/lib/safe-callback-url";
import { clientIp } from "@/server/api/context";
import { getAuthSecret, getEnv } from "@/server/env";
import { log } from "@/server/logger";
import { safeSecret, safeText } from "@/server/validation/text";
import { checkCredentials } from "./credentials";
import { servedOverHttps } from "./session-token";
import { isSessionLive, revokeSession, SESSION_MAX_AGE_SECONDS, startSession } from "./sessions";

declare module "next-auth" {
  interface Session {
    /** The server-side session record behind this cookie (server/auth/sessions.ts). */
    sessionId?: string;
  }
}

class RateLimited extends CredentialsSignin {
  override code = "rate_limited";
}

// NUL or a lone surrogate would reach PostgreSQL in the rate-limit key and fail there (a 500):
// refused here, they are a wrong password like any other (server/validation/text.ts).
const credentialsInput = z.object({
  email: safeText({ max: 320, label: "The email" }),
  password: safeSecret({ max: 1000, label: "The password" }),
});

/** Which sign-in providers this deployment offers (OAuth ones only when configured). */
export function enabledOAuthProviders(): { id: "github" | "google"; name: string }[] {
  const env = getEnv();
  const list: { id: "github" | "google"; name: string }[] = [];
  if (env.AUTH_GITHUB_ID && env.AUTH_GITHUB_SECRET) list.push({ id: "github", name: "GitHub" });
  if (env.AUTH_GOOGLE_ID && env.AUTH_GOOGLE_SECRET) list.push({ id: "google", name: "Google" });
  return list;
}

/**
 * Lazy config: env and the database are read on the first request, never during `next build`.
 * Sessions are JWTs (required by the credentials provider) that name a server-side session row
 * (`sid`); the jwt callback checks that row on every read, so revoking it ends the cookie.
 * The adapter stores OAuth users and accounts in the same users table that passwords use.
 * `request` is the incoming request on Auth.js's own routes (sign-in), undefined in `auth()`.
 */
export const { handlers, auth, signIn, signOut } = NextAuth(
  async (request): Promise<NextAuthConfig> => {
    const env = getEnv();
    const { db } = await getDatabase();
    const oauth = enabledOAuthProviders();
    return {
      adapter: DrizzleAdapter(db, {
        usersTable: users,
        accountsTable: accounts,
        sessionsTable: sessions,
        verificationTokensTable: verificationTokens,
      }),
      secret: getAuthSecret(),
      // Forwarded host and proto reach here only from a trusted proxy (server.mjs drops them
      // otherwise), so trusting the request's host is safe.
      trustHost: true,
      // Secure cookies when the public URL is https; otherwise Auth.js decides per request from
      // the protocol, which is the socket's or a trusted proxy's.
      ...(servedOverHttps(env) ? { useSecureCookies: true } : {}),
      session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_SECONDS },
      pages: { signIn: "/sign-in", error: "/sign-in" },
      // Auth.js's own logger prints stack traces for every wrong password; route it through ours
      // (structured, redacted) and treat refused credentials as the routine event they are.
      logger: {
        error(error) {
          if (error instanceof CredentialsSignin) log.info("sign-in refused", { code: error.code });
          else log.error("auth error", { error });
        },
        warn(code) {
          log.warn("auth warning", { code });
        },
        debug() {},
      },
      providers: [
        Credentials({
          credentials: { email: {}, password: {} },
          async authorize(raw, request) {
            const parsed = credentialsInput.safeParse(raw);
            if (!parsed.success) return null;
            const result = await checkCredentials(db, {
              ...parsed.data,
              ip: clientIp(request.headers),
            });
            if (result.ok) return result.user;
            if (result.reason === "rate_limited") throw new RateLimited();
            return null;
          },
        }),
        ...(oauth.some((p) => p.id === "github")
          ? [GitHub({ clientId: env.AUTH_GITHUB_ID, clientSecret: env.AUTH_GITHUB_SECRET })]
          : []),
        ...(oauth.some((p) => p.id === "google")
          ? [Google({ clientId: env.AUTH_GOOGLE_ID, clientSecret: env.AUTH_GOOGLE_SECRET })]
          : []),
      ],
      callbacks: {
        /** Only paths on this site: the same parser as the sign-in page's callbackUrl. */
        redirect({ url, baseUrl }) {
          return new URL(safeCallbackUrl(url, { origin: baseUrl }), baseUrl).href;
        },
        async jwt({ token, user }) {
          if (user?.id) {
            // Signing in (any provider): a new session row, named in the cookie.
            token.sub = user.id;
            token.sid = await startSession(db, user.id, {
              ip: request ? clientIp(request.headers) : null,
              userAgent: request?.headers.get("user-agent") ?? null,
            });
            return token;
          }
          // Every later read: null ends the session (Auth.js clears the cookie). Cookies from
          // before session records existed carry no sid and end too.
          if (!token.sub || typeof token.sid !== "string") return null;
          return (await isSessionLive(db, token.sub, token.sid)) ? token : null;
        },
        session({ session, token }) {
          if (token.sub) session.user.id = token.sub;
          if (typeof token.sid === "string") session.sessionId = token.sid;
          return session;
        },
      },
      events: {
        // Signing out ends the server-side record, so a copy of the cookie stops working too.
        async signOut(message) {
          const token = "token" in message ? message.token : null;
          if (token?.sub && typeof token.sid === "string") {
            await revokeSession(db, token.sub, token.sid);
          }
        },
      },
    };
  },
);

/** The signed-in user for server components and route handlers, or null (tRPC: session-token.ts). */
export async function getSessionUser(): Promise<{
  id: string;
  email: string;
  name: string | null;
  sessionId: string | null;
} | null> {
  const session = await auth();
  const user = session?.user;
  if (!user?.id || !user.email) return null;
  return {
    id: user.id,
    email: user.email,
    name: user.name ?? null,
    sessionId: session?.sessionId ?? null,
  };
}
