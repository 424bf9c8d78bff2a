import { describe, expect, it } from "vitest";
import { CLIENT_IP_HEADER, markFrontServer, readClientIp } from "./client-address";

describe("readClientIp", () => {
  it("believes the internal header only once the front server runs in this process", () => {
    // Plain `next start`: nobody stripped the client's own copy of the header.
    const headers = new Headers({ [CLIENT_IP_HEADER]: "6.6.6.6", "x-forwarded-for": "7.7.7.7" });
    expect(readClientIp(headers)).toBeNull();
    markFrontServer();
    expect(readClientIp(headers)).toBe("6.6.6.6");
    expect(readClientIp(new Headers({ "x-forwarded-for": "7.7.7.7" }))).toBeNull();
  });
});
