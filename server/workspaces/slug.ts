/** 3–40 characters, lower-case letters, digits and inner dashes: safe in a URL path segment. */
export const SLUG_PATTERN = /^[a-z0-9](?:[a-z0-9-]{1,38}[a-z0-9])$/;

/**
 * Names of the app's own paths. Workspaces live under `/w/<slug>` today, but a workspace called
 * "api" or "sign-in" would read like a system address in links and emails, and would block
 * ever serving workspaces at the top level.
 */
const RESERVED = new Set([
  "api",
  "app",
  "auth",
  "admin",
  "account",
  "assets",
  "docs",
  "health",
  "invite",
  "invites",
  "login",
  "logout",
  "new",
  "onboarding",
  "public",
  "register",
  "settings",
  "sign-in",
  "sign-out",
  "sign-up",
  "static",
  "welcome",
  "workspaces",
  "www",
]);

export function isReservedSlug(slug: string): boolean {
  return RESERVED.has(slug);
}

/** "Acme Store!" → "acme-store"; names with no usable letters fall back to "workspace". */
export function slugify(name: string): string {
  const base = name
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 32)
    .replace(/-+$/g, "");
  if (base.length === 0) return "workspace";
  if (base.length < 3 || isReservedSlug(base)) return `${base}-workspace`;
  return base;
}

const SUFFIX_ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";

function randomSuffix(length = 6): string {
  const bytes = crypto.getRandomValues(new Uint8Array(length));
  // 256 is not a multiple of 36; the slight bias is irrelevant for a uniqueness suffix.
  return Array.from(bytes, (b) => SUFFIX_ALPHABET[b % SUFFIX_ALPHABET.length]).join("");
}

/**
 * Candidates for a new workspace's address: "acme-store-k3x9q2", a fresh random suffix each
 * time. Always suffixed, never "the name if free, else acme-store-2": a slug that depends on
 * which addresses are taken would tell anyone creating a workspace which other tenants exist.
 * Owners can choose a bare address in settings, where a taken one is only "not available".
 * The base is cut to 32 characters above, so every candidate fits the 40-character pattern.
 */
export function* slugCandidates(name: string): Generator<string> {
  const base = slugify(name);
  for (;;) yield `${base}-${randomSuffix()}`;
}
