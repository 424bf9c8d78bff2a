import { describe, expect, it } from "vitest";
import { safeCallbackUrl } from "./safe-callback-url";

const origin = "https://support.example.com";

describe("safeCallbackUrl", () => {
  const offSite = [
    "//evil.test",
    "//evil.test/phish",
    "/\\evil.test",
    "\\\\evil.test",
    "/\t/evil.test/phish",
    "/\n/evil.test",
    "/\r/evil.test",
    "/\r\n/evil.test",
    decodeURIComponent("%2F%09%2Fevil.test%2Fphish"),
    decodeURIComponent("%2F%0A%2Fevil.test"),
    decodeURIComponent("%2F%0D%2Fevil.test"),
    "https://evil.test/",
    "http://support.example.com/", // same host, other scheme: another origin
    "https://support.example.com.evil.test/",
    "https://support.example.com@evil.test/",
    "javascript:alert(1)",
    "JaVaScRiPt:alert(1)",
    " javascript:alert(1)",
    "\u0001javascript:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "vbscript:msgbox(1)",
    "\t//evil.test",
    " //evil.test",
    "///evil.test",
    "/\\/evil.test",
    "ftp://evil.test/",
    "http://[::1",
  ];

  it.each(offSite)("falls back for %j", (value) => {
    expect(safeCallbackUrl(value, { origin, fallback: "/home" })).toBe("/home");
  });

  it.each(offSite)("falls back for %j when the origin is unknown", (value) => {
    expect(safeCallbackUrl(value)).toBe("/");
  });

  it("keeps same-origin paths with their query and fragment", () => {
    expect(safeCallbackUrl("/w/acme/templates?q=refund#top", { origin })).toBe(
      "/w/acme/templates?q=refund#top",
    );
    expect(safeCallbackUrl("/invite/abc_DEF-123", { origin })).toBe("/invite/abc_DEF-123");
  });

  it("turns an absolute URL on the site's own origin into a path", () => {
    expect(safeCallbackUrl(`${origin}/w/acme?x=1`, { origin })).toBe("/w/acme?x=1");
    expect(safeCallbackUrl(`${origin}/w/acme`, { origin: `${origin}/` })).toBe("/w/acme");
  });

  it("never returns a protocol-relative path, whatever dot segments resolve to", () => {
    for (const value of ["/.//evil.test", "/a/..//evil.test", "/%2e//evil.test"]) {
      const result = safeCallbackUrl(value, { origin });
      expect(result.startsWith("//")).toBe(false);
      expect(new URL(result, origin).origin).toBe(origin);
    }
  });

  it("returns ASCII that is safe in a Location header for control and wide characters", () => {
    for (const value of ["/a\u3000b", "/\u3000", "/x\u0000y", "/é?q=ü", "/a b"]) {
      const result = safeCallbackUrl(value, { origin });
      expect(result).toMatch(/^\/[\x21-\x7e]*$/);
      expect(() => new Headers({ location: result })).not.toThrow();
    }
    expect(safeCallbackUrl("/a\u3000b", { origin })).toBe("/a%E3%80%80b");
  });

  it("falls back for empty, missing and array values that are unsafe", () => {
    expect(safeCallbackUrl(undefined)).toBe("/");
    expect(safeCallbackUrl(null)).toBe("/");
    expect(safeCallbackUrl("")).toBe("/");
    expect(safeCallbackUrl(["//evil.test", "/w/acme"])).toBe("/");
    expect(safeCallbackUrl(["/w/acme", "//evil.test"])).toBe("/w/acme");
  });

  it("resolves scheme-relative oddities as a browser does, and stays on the site", () => {
    // With the page's own scheme, `https:/evil.test` is the path /evil.test on this site.
    expect(safeCallbackUrl("https:/evil.test", { origin })).toBe("/evil.test");
    expect(safeCallbackUrl("http:evil.test")).toBe("/evil.test");
    expect(safeCallbackUrl("http:evil.test", { origin, fallback: "/home" })).toBe("/home");
  });

  it("treats relative paths as relative to the root", () => {
    expect(safeCallbackUrl("w/acme", { origin })).toBe("/w/acme");
  });
});
