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
