import { beforeEach, describe, expect, it, vi } from "vitest";
import type { WorkspaceAccess } from "@/server/workspaces/access";
import { ACCESS_TTL_MS, cachedAccessBySlug, forgetWorkspaceAccess } from "./access-cache";

const access: WorkspaceAccess = {
  workspace: { id: "w1", name: "W", slug: "w", locale: "en", currency: "EUR", timezone: "UTC" },
  role: "agent",
};

describe("cachedAccessBySlug", () => {
  beforeEach(() => forgetWorkspaceAccess());

  it("looks a membership up once within the TTL, again after it", async () => {
    let clock = 0;
    const lookup = vi.fn(async () => access);
    await cachedAccessBySlug("u1", "w", lookup, () => clock);
    await cachedAccessBySlug("u1", "w", lookup, () => clock);
    expect(lookup).toHaveBeenCalledTimes(1);
    clock += ACCESS_TTL_MS + 1;
    await cachedAccessBySlug("u1", "w", lookup, () => clock);
    expect(lookup).toHaveBeenCalledTimes(2);
  });

  it("never caches a missing membership, so a new member is admitted at once", async () => {
    const lookup = vi.fn(async (): Promise<WorkspaceAccess | null> => null);
    expect(await cachedAccessBySlug("u1", "w", lookup)).toBeNull();
    lookup.mockResolvedValueOnce(access);
    expect(await cachedAccessBySlug("u1", "w", lookup)).toEqual(access);
  });

  it("keys by user and slug, and forgetWorkspaceAccess drops everything", async () => {
    const lookup = vi.fn(async () => access);
    await cachedAccessBySlug("u1", "w", lookup);
    await cachedAccessBySlug("u2", "w", lookup);
    expect(lookup).toHaveBeenCalledTimes(2);
    forgetWorkspaceAccess();
    await cachedAccessBySlug("u1", "w", lookup);
    expect(lookup).toHaveBeenCalledTimes(3);
  });
});

describe("cachedAccessBySlug under concurrent calls", () => {
  beforeEach(() => forgetWorkspaceAccess());

  it("calls arriving together share one lookup", async () => {
    let release: (value: WorkspaceAccess) => void = () => {};
    const lookup = vi.fn(() => new Promise<WorkspaceAccess>((resolve) => (release = resolve)));
    const calls = [1, 2, 3].map(() => cachedAccessBySlug("u1", "w", lookup));
    release(access);
    expect(await Promise.all(calls)).toEqual([access, access, access]);
    expect(lookup).toHaveBeenCalledTimes(1);
  });

  it("a change drops the lookup under way: later calls look again, and the old answer is not kept", async () => {
    const releases: ((value: WorkspaceAccess) => void)[] = [];
    const lookup = vi.fn(() => new Promise<WorkspaceAccess>((resolve) => releases.push(resolve)));
    const before = cachedAccessBySlug("u1", "w", lookup);
    forgetWorkspaceAccess(); // e.g. the member's role changed
    const after = cachedAccessBySlug("u1", "w", lookup);
    expect(lookup).toHaveBeenCalledTimes(2);
    const admin = { ...access, role: "admin" as const };
    releases[0]?.(access);
    releases[1]?.(admin);
    expect(await before).toEqual(access);
    expect(await after).toEqual(admin);
    expect(await cachedAccessBySlug("u1", "w", lookup)).toEqual(admin);
    expect(lookup).toHaveBeenCalledTimes(2);
  });
});
