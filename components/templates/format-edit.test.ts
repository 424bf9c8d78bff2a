import { describe, expect, it } from "vitest";
import { applyEdit, type FormatKind, formatEdit } from "./format-edit";

/** Applies a button to `value` with the selection marked by [ and ] (or | for a caret). */
function press(marked: string, kind: FormatKind): string {
  const caret = marked.indexOf("|");
  const start = caret !== -1 ? caret : marked.indexOf("[");
  const value = caret !== -1 ? marked.replace("|", "") : marked.replace("[", "").replace("]", "");
  const end = caret !== -1 ? caret : marked.indexOf("]") - 1;
  const edit = formatEdit(value, start, end, kind);
  const next = applyEdit(value, edit);
  return `${next.slice(0, edit.selectionStart)}[${next.slice(edit.selectionStart, edit.selectionEnd)}]${next.slice(edit.selectionEnd)}`;
}

describe("formatEdit", () => {
  it("wraps the selection in bold or italic, keeping it selected", () => {
    expect(press("Hi [there] you", "bold")).toBe("Hi **[there]** you");
    expect(press("Hi [there] you", "italic")).toBe("Hi *[there]* you");
  });

  it("inserts selected sample text at a caret", () => {
    expect(press("Hi |", "bold")).toBe("Hi **[bold text]**");
    expect(press("Hi |", "italic")).toBe("Hi *[italic text]*");
  });

  it("toggles off a marker that already wraps the selection", () => {
    expect(press("Hi **[there]** you", "bold")).toBe("Hi [there] you");
    expect(press("Hi *[there]* you", "italic")).toBe("Hi [there] you");
    // Italic inside bold does not strip one star of the bold.
    expect(press("Hi **[there]** you", "italic")).toBe("Hi ***[there]*** you");
  });

  it("makes a link, selecting the part still to type", () => {
    expect(press("See [the guide]", "link")).toBe("See [the guide]([https://])");
    expect(press("See [https://e.example/g]", "link")).toBe(
      "See [[link text]](https://e.example/g)",
    );
    expect(press("|", "link")).toBe("[link text]([https://])");
  });

  it("turns the selected lines into a list, and back", () => {
    expect(press("Steps:\n[one\ntwo]\nend", "list")).toBe("Steps:\n- one\n- two[]\nend");
    expect(press("Steps:\n- [one\n- two]", "list")).toBe("Steps:\none\ntwo[]");
    expect(press("a single li|ne", "list")).toBe("- a single line[]");
  });
});
