import { describe, expect, it } from "vitest";
import { exampleTextHash } from "@/server/training/examples/store";
import { packTextHashes, unpackTextHashes } from "./training-hashes";

describe("packTextHashes", () => {
  it("keeps one 16-byte digest per distinct normalised text, and unpacks to exampleTextHash", () => {
    const texts = ["Where is my card?", "  where is MY card? ", "Refund please"];
    const packed = packTextHashes(texts);
    expect(packed.byteLength).toBe(2 * 16);
    expect(unpackTextHashes(packed)).toEqual(
      new Set([exampleTextHash("Where is my card?"), exampleTextHash("Refund please")]),
    );
  });

  it("packs the same set to the same bytes whatever the order", () => {
    expect(packTextHashes(["a", "b", "c"])).toEqual(packTextHashes(["c", "a", "b", "a"]));
  });

  it("packs nothing to nothing", () => {
    expect(packTextHashes([]).byteLength).toBe(0);
    expect(unpackTextHashes(new Uint8Array(0)).size).toBe(0);
  });
});
