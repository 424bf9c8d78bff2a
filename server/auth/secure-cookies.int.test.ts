import { NextRequest } from "next/server";
import { afterEach, describe, expect, it, vi } from "vitest";
import { GET } from "@/app/api/auth/[...nextauth]/route";
import { resetEnvForTests } from "@/server/env";

/** Auth.js cookies are `Secure` (and prefixed) when Parley is served over HTTPS. */
afterEach(() => {
  vi.unstubAllEnvs();
  resetEnvForTests();
});

async function csrfCookies(url: string, headers: Record<string, string> = {}): Promise<string[]> {
  const response = await GET(new NextRequest(url, { headers }));
  expect(response.status).toBe(200);
  return response.headers.getSetCookie();
}

describe("Auth.js cookies", () => {
  it("are Secure when APP_URL is https, even if the last hop is plain HTTP", async () => {
    vi.stubEnv("APP_URL", "https://support.example.com");
    resetEnvForTests();
    const cookies = await csrfCookies("http://support.example.com/api/auth/csrf");
    expect(cookies.length).toBeGreaterThan(0);
    for (const cookie of cookies) {
      expect(cookie).toMatch(/^__(Host|Secure)-authjs\./);
      expect(cookie).toMatch(/;\s*Secure/i);
    }
  });

  it("are Secure when the request came over HTTPS", async () => {
    vi.stubEnv("APP_URL", "");
    resetEnvForTests();
    // Next.js builds the request URL's scheme from X-Forwarded-Proto, which server.mjs keeps
    // only from a trusted proxy (and otherwise Next.js sets from the socket).
    const cookies = await csrfCookies("https://support.example.com/api/auth/csrf", {
      "x-forwarded-proto": "https",
    });
    for (const cookie of cookies) expect(cookie).toMatch(/;\s*Secure/i);
  });

  it("are plain on a plain-HTTP deployment (a trial on localhost)", async () => {
    vi.stubEnv("APP_URL", "");
    resetEnvForTests();
    const cookies = await csrfCookies("http://127.0.0.1:3000/api/auth/csrf");
    expect(cookies.length).toBeGreaterThan(0);
    for (const cookie of cookies) {
      expect(cookie).toMatch(/^authjs\./);
      expect(cookie).not.toMatch(/;\s*Secure/i);
    }
  });
});
