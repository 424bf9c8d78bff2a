import { describe, expect, it } from "vitest";
import { blockedAddressReason, checkOutboundUrl, parseAllowHosts } from "./outbound-url";

/** A DNS that answers from a table, so no test touches the network. */
const dns =
  (table: Record<string, string[]>) =>
  async (host: string): Promise<string[]> => {
    const answer = table[host];
    if (!answer) throw new Error("ENOTFOUND");
    return answer;
  };

const check = (url: string, allow = "", table: Record<string, string[]> = {}) =>
  checkOutboundUrl(url, { allowHosts: parseAllowHosts(allow), resolveHost: dns(table) });

async function reasonOf(url: string, table: Record<string, string[]> = {}): Promise<string> {
  const result = await check(url, "", table);
  return result.ok ? "allowed" : result.reason;
}

describe("blockedAddressReason", () => {
  it.each([
    ["0.0.0.0", "0.0.0.0/8"],
    ["0.1.2.3", "0.0.0.0/8"],
    ["10.1.2.3", "10.0.0.0/8"],
    ["100.64.0.1", "100.64.0.0/10"],
    ["100.127.255.255", "100.64.0.0/10"],
    ["127.0.0.1", "loopback"],
    ["127.255.1.2", "loopback"],
    ["169.254.169.254", "link-local"],
    ["172.16.0.1", "172.16.0.0/12"],
    ["172.31.255.255", "172.16.0.0/12"],
    ["192.168.1.1", "192.168.0.0/16"],
    ["192.0.0.8", "192.0.0.0/24"],
    ["198.18.0.1", "198.18.0.0/15"],
    ["224.0.0.1", "multicast"],
    ["239.255.255.250", "multicast"],
    ["255.255.255.255", "broadcast"],
    ["::", "unspecified"],
    ["::1", "loopback"],
    ["0:0:0:0:0:0:0:1", "loopback"],
    ["fc00::1", "unique-local"],
    ["fd12:3456::1", "unique-local"],
    ["fe80::1", "link-local"],
    ["fe80::1%eth0", "link-local"],
    ["febf::1", "link-local"],
    ["ff02::1", "multicast"],
    ["::ffff:127.0.0.1", "loopback"],
    ["::ffff:7f00:1", "loopback"],
    ["::ffff:a9fe:a9fe", "link-local"],
    ["::ffff:10.0.0.1", "10.0.0.0/8"],
    ["::127.0.0.1", "loopback"],
    ["64:ff9b::a9fe:a9fe", "link-local"],
    ["2002:7f00:1::", "loopback"],
  ])("%s is refused (%s)", (ip, words) => {
    expect(blockedAddressReason(ip)).toContain(words);
  });

  it.each([
    "8.8.8.8",
    "1.1.1.1",
    "100.63.255.255",
    "100.128.0.0",
    "172.15.255.255",
    "172.32.0.0",
    "169.253.255.255",
    "2606:4700:4700::1111",
    "::ffff:8.8.8.8",
    "2002:808:808::",
  ])("%s is public", (ip) => {
    expect(blockedAddressReason(ip)).toBeNull();
  });
});

describe("checkOutboundUrl", () => {
  it("refuses hosts written as numbers (decimal, octal, hex, short forms)", async () => {
    for (const url of [
      "http://2130706433/",
      "http://0x7f.1/",
      "http://0177.0.0.1/",
      "http://0x7f000001/",
      "http://127.1/",
      "http://017700000001/",
      "http://[::ffff:127.0.0.1]/",
      "http://[::1]:11434/v1",
      "http://127.0.0.1./",
      "http://127.000.000.001/",
      "http://%31%32%37.0.0.1/",
      "http://\u2460\u2461\u2466.0.0.1/",
      "http://[0:0:0:0:0:ffff:127.0.0.1]/",
    ]) {
      expect(await reasonOf(url), url).toContain("loopback");
    }
    expect(await reasonOf("http://0xa9.0xfe.0xa9.0xfe/latest/meta-data")).toContain("link-local");
    expect(await reasonOf("http://0/")).toContain("0.0.0.0/8");
  });

  it("refuses a name when any of its addresses is private, naming it", async () => {
    const table = {
      "mixed.example": ["93.184.216.34", "10.0.0.5"],
      "ok.example": ["93.184.216.34"],
    };
    expect(await reasonOf("https://mixed.example/v1", table)).toBe(
      "points at a private address (10.0.0.0/8): mixed.example is 10.0.0.5 (an operator can allow it with OUTBOUND_ALLOW_HOSTS)",
    );
    expect(await check("https://ok.example/v1", "", table)).toMatchObject({
      ok: true,
      addresses: ["93.184.216.34"],
    });
    expect(await reasonOf("https://nowhere.example/", table)).toContain("does not resolve");
    expect(await reasonOf("http://localhost./", { "localhost.": ["::1", "127.0.0.1"] })).toContain(
      "loopback",
    );
  });

  it("accepts only http(s) without credentials", async () => {
    expect(await reasonOf("file:///etc/passwd")).toContain("http or https");
    expect(await reasonOf("gopher://example.com/")).toContain("http or https");
    expect(await reasonOf("http://user:pw@8.8.8.8/")).toContain("credentials");
    expect(await reasonOf("not a url")).toContain("not a valid URL");
  });

  it("OUTBOUND_ALLOW_HOSTS lets a host through, with any port or only the one named", async () => {
    expect((await check("http://127.0.0.1:11434/v1", "127.0.0.1")).ok).toBe(true);
    expect((await check("http://127.0.0.1:11434/v1", "127.0.0.1:11434")).ok).toBe(true);
    expect((await check("http://127.0.0.1:8080/v1", "127.0.0.1:11434")).ok).toBe(false);
    expect((await check("http://OLLAMA:80/v1", " ollama , other")).ok).toBe(true);
    expect((await check("http://ollama/v1", "ollama:80")).ok).toBe(true);
    expect((await check("http://[::1]:9/", "[::1]:9")).ok).toBe(true);
    // An allowed name does not allow the address it resolves to under another name.
    expect(
      (await check("http://evil.example/", "ollama", { "evil.example": ["127.0.0.1"] })).ok,
    ).toBe(false);
    expect(parseAllowHosts(undefined)).toEqual([]);
  });
});
