import { signOut } from "next-auth/react";
import { safeCallbackUrl } from "./safe-callback-url";

/**
 * Signs out, then goes to `path` on the origin the browser is on. Auth.js's own redirect
 * would use its idea of the origin, which is "localhost" unless AUTH_URL is set, and would
 * strand people who opened Parley by IP address or another host name.
 */
export async function signOutTo(path: string): Promise<void> {
  await signOut({ redirect: false });
  window.location.assign(safeCallbackUrl(path, { origin: window.location.origin }));
}
