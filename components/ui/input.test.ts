import { describe, expect, it } from "vitest";
import { controlClasses } from "./input";

const classes = (className?: string, height?: string) =>
  controlClasses(className, height).split(" ");

describe("form control classes", () => {
  it("default to full width, text-sm and the given height", () => {
    expect(classes(undefined, "h-10")).toEqual(
      expect.arrayContaining(["w-full", "text-sm", "h-10"]),
    );
  });

  it("leave the defaults out where the caller sizes the control", () => {
    // "w-full w-44" would render full width whatever the order: the stylesheet decides.
    const sized = classes("h-8 w-44 text-xs", "h-10");
    expect(sized).toEqual(expect.arrayContaining(["h-8", "w-44", "text-xs"]));
    expect(sized).not.toContain("w-full");
    expect(sized).not.toContain("h-10");
    expect(sized).not.toContain("text-sm");
  });

  it("keep the defaults beside responsive sizes and colours", () => {
    const responsive = classes("sm:w-44 text-zinc-500", "h-10");
    expect(responsive).toEqual(expect.arrayContaining(["w-full", "text-sm", "h-10", "sm:w-44"]));
  });
});
