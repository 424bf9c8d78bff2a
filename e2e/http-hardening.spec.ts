import { type APIResponse, expect, type Page, test } from "@playwright/test";
import { DEMO_OWNER, OWNER_STATE } from "./fixtures/accounts";
import { SignInPage } from "./pages/sign-in-page";

/**
 * Issue 7, points 2, 3, 4 and 7 against the production server (server.mjs): security headers
 * and a working nonce-based CSP, callback URLs that never leave the site, client addresses
 * that forged headers cannot change, and bodies refused before they are read.
 */

function expectSecurityHeaders(response: APIResponse) {
  const headers = response.headers();
  expect(headers["content-security-policy"]).toMatch(
    /script-src 'self' 'nonce-[A-Za-z0-9+/=]+' 'strict-dynamic'/,
  );
  expect(headers["content-security-policy"]).toContain("frame-ancestors 'none'");
  expect(headers["x-content-type-options"]).toBe("nosniff");
  expect(headers["referrer-policy"]).toBe("strict-origin-when-cross-origin");
  expect(headers["permissions-policy"]).toContain("camera=()");
  // The test server is plain HTTP on 127.0.0.1: no HSTS.
  expect(headers["strict-transport-security"]).toBeUndefined();
}

/** Console errors and uncaught exceptions on the page, CSP violations among them. */
function collectErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on("console", (message) => {
    if (message.type() === "error") errors.push(message.text());
  });
  page.on("pageerror", (error) => errors.push(error.message));
  return errors;
}

test.describe("security headers", () => {
  test("a page carries them, and every script on it the header's nonce", async ({ request }) => {
    const response = await request.get("/sign-in");
    expect(response.status()).toBe(200);
    expectSecurityHeaders(response);
    const nonce = /'nonce-([^']+)'/.exec(response.headers()["content-security-policy"] ?? "")?.[1];
    const html = await response.text();
    const scripts = html.match(/<script\b[^>]*>/g) ?? [];
    expect(scripts.length).toBeGreaterThan(0);
    for (const tag of scripts) expect(tag).toContain(`nonce="${nonce}"`);
    expect(response.headers()["cache-control"]).toContain("no-store");
  });

  test("API answers carry them and are never cached", async ({ request }) => {
    for (const path of ["/api/health", "/api/trpc/workspace.get", "/api/auth/session"]) {
      const response = await request.get(path);
      expectSecurityHeaders(response);
      expect(response.headers()["cache-control"], path).toBe("no-store");
    }
  });

  test("a signed-in page is never cached", async ({ browser }) => {
    const context = await browser.newContext({ storageState: OWNER_STATE });
    const response = await context.request.get("/w/acme");
    expect(response.status()).toBe(200);
    expect(response.headers()["cache-control"]).toContain("no-store");
    await context.close();
  });
});

test("sign-in, dashboard and template editor run under the CSP without a violation", async ({
  page,
}) => {
  const errors = collectErrors(page);
  const signIn = new SignInPage(page);
  await signIn.goto();
  await signIn.signIn(DEMO_OWNER.email, DEMO_OWNER.password);
  // Only the page's script signs in (a blocked script would submit the form as a GET).
  await expect(page).toHaveURL(/\/w\/acme$/);
  await expect(page.getByRole("heading", { level: 1 }).first()).toBeVisible();
  await page.goto("/w/acme/templates/new");
  await page.getByLabel("Content", { exact: true }).fill("Hello {customer_name|there}!");
  // The live preview is rendered by client code.
  await expect(page.getByTestId("template-preview")).toContainText("Hello there!");
  expect(errors).toEqual([]);
});

test.describe("callback URLs", () => {
  const hostile = [
    "%2F%09%2Fevil.test%2Fphish",
    "%2F%0A%2Fevil.test",
    "%2F%0D%2Fevil.test",
    "%2F%E3%80%80",
    "%2F%5Cevil.test",
    "%2F%2Fevil.test",
    "javascript%3Aalert(1)",
  ];

  test("a signed-in visit never errors and never leaves the site", async ({ browser, baseURL }) => {
    const context = await browser.newContext({ storageState: OWNER_STATE });
    const page = await context.newPage();
    for (const value of hostile) {
      const response = await page.goto(`/sign-in?callbackUrl=${value}`);
      expect(response?.status(), value).toBeLessThan(500);
      expect(new URL(page.url()).origin, value).toBe(new URL(baseURL ?? "").origin);
    }
    await context.close();
  });

  test("signing in with a hostile callbackUrl lands on the workspace", async ({
    page,
    baseURL,
  }) => {
    const response = await page.goto(`/sign-in?callbackUrl=${hostile[0]}`);
    expect(response?.status()).toBe(200);
    await new SignInPage(page).signIn(DEMO_OWNER.email, DEMO_OWNER.password);
    await expect(page).toHaveURL(/\/w\/acme$/);
    expect(new URL(page.url()).origin).toBe(new URL(baseURL ?? "").origin);
  });

  test("a same-site callbackUrl is still honoured", async ({ page }) => {
    await page.goto(`/sign-in?callbackUrl=${encodeURIComponent("/w/acme/templates")}`);
    await new SignInPage(page).signIn(DEMO_OWNER.email, DEMO_OWNER.password);
    await expect(page).toHaveURL(/\/w\/acme\/templates$/);
  });
});

test("Auth.js redirects only to this site, whatever callbackUrl it is given", async ({
  playwright,
  baseURL,
}) => {
  const origin = new URL(baseURL ?? "").origin;
  for (const callbackUrl of ["https://evil.test/phish", "//evil.test", "/\t/evil.test"]) {
    // A fresh client per attempt: signed out, with its own CSRF cookie.
    const request = await playwright.request.newContext({ baseURL });
    const { csrfToken } = (await (await request.get("/api/auth/csrf")).json()) as {
      csrfToken: string;
    };
    const response = await request.post("/api/auth/callback/credentials", {
      form: { email: DEMO_OWNER.email, password: DEMO_OWNER.password, csrfToken, callbackUrl },
      maxRedirects: 0,
    });
    expect(response.status(), callbackUrl).toBe(302);
    const location = new URL(response.headers().location ?? "", origin);
    // This server, on its own idea of its host name ("localhost" unless AUTH_URL is set), at
    // the workspace home.
    expect(["127.0.0.1", "localhost"], `${callbackUrl} → ${location}`).toContain(location.hostname);
    expect(location.port).toBe(new URL(origin).port);
    expect(location.pathname).toBe("/");
    await request.dispose();
  }
});

test("a forged X-Forwarded-For does not reach the audit log", async ({ browser }) => {
  const context = await browser.newContext({ storageState: OWNER_STATE });
  const headers = { "x-parley-workspace": "acme", "content-type": "application/json" };
  const update = await context.request.post("/api/trpc/workspace.update", {
    headers: {
      ...headers,
      "x-forwarded-for": "6.6.6.6",
      "x-real-ip": "7.7.7.7",
      "x-parley-client-ip": "8.8.8.8",
    },
    data: { json: { timezone: "America/New_York" } },
  });
  expect(update.status()).toBe(200);
  const input = encodeURIComponent(JSON.stringify({ json: { action: "workspace.update" } }));
  const list = await context.request.get(`/api/trpc/audit.list?input=${input}`, { headers });
  const body = (await list.json()) as { result: { data: { json: { items: { ip: string }[] } } } };
  expect(body.result.data.json.items[0]?.ip).toBe("127.0.0.1");
  await context.close();
});

test("an oversized body is refused quickly with 413 in tRPC's error shape", async ({ request }) => {
  const started = Date.now();
  const response = await request.post("/api/trpc/auth.signUp", {
    headers: { "content-type": "application/json" },
    data: JSON.stringify({ json: { name: "x".repeat(3 * 1024 * 1024) } }),
  });
  expect(response.status()).toBe(413);
  const body = (await response.json()) as { error: { json: { data: { code: string } } } };
  expect(body.error.json.data.code).toBe("PAYLOAD_TOO_LARGE");
  expect(Date.now() - started).toBeLessThan(5_000);
});
