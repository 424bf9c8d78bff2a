import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createOutboundFetch } from "./outbound-fetch";

/**
 * The guarded fetch pins the connection to the addresses it checked: a name that answers
 * "public" to the check and "127.0.0.1" to the connection (DNS rebinding) reaches nothing.
 */
let server: Server;
let port = 0;
const hits: string[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    hits.push(req.url ?? "");
    if (req.url === "/redirect") res.writeHead(302, { location: "http://169.254.169.254/" }).end();
    else res.writeHead(200, { "content-type": "text/plain" }).end(`hello ${req.method}`);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  port = (server.address() as AddressInfo).port;
});
afterAll(() => new Promise((resolve) => server.close(resolve)));

describe("createOutboundFetch", () => {
  it("refuses a name that rebinds to loopback between the check and the connection", async () => {
    let asked = 0;
    const fetchGuarded = createOutboundFetch({
      allowHosts: [],
      resolveHost: async () => (asked++ === 0 ? ["93.184.216.34"] : ["127.0.0.1"]),
    });
    const before = hits.length;
    await expect(fetchGuarded(`http://rebind.test:${port}/x`)).rejects.toMatchObject({
      name: "OutboundUrlError",
      message: expect.stringContaining("loopback"),
      transient: false,
    });
    expect(asked).toBe(2);
    expect(hits.length).toBe(before);
  });

  it("refuses a private literal before connecting", async () => {
    const fetchGuarded = createOutboundFetch({ allowHosts: [] });
    await expect(fetchGuarded(`http://127.0.0.1:${port}/`)).rejects.toMatchObject({
      name: "OutboundUrlError",
      message: expect.stringContaining("loopback"),
      transient: false,
    });
  });

  it("a name that does not resolve is a transient failure (worth a retry), not a refusal", async () => {
    const fetchGuarded = createOutboundFetch({
      allowHosts: [],
      resolveHost: async () => {
        throw new Error("ENOTFOUND");
      },
    });
    await expect(fetchGuarded("https://gone.example/")).rejects.toMatchObject({
      message: "names a host that does not resolve (gone.example)",
      transient: true,
    });
  });

  it("an allow-listed host works, bodies both ways, and a redirect is not followed", async () => {
    const fetchGuarded = createOutboundFetch({ allowHosts: [`127.0.0.1:${port}`] });
    const ok = await fetchGuarded(`http://127.0.0.1:${port}/post`, { method: "POST", body: "x" });
    expect(await ok.text()).toBe("hello POST");
    const redirected = await fetchGuarded(`http://127.0.0.1:${port}/redirect`);
    expect(redirected.status).toBe(302);
    expect(hits.at(-1)).toBe("/redirect");
  });
});
