import { describe, expect, it } from "vitest";
import { validateTemplate } from "@/server/templates/validate-template";
import { buildIssueMap, displayPath, issueAt, unchangedServerErrors } from "./field-issues";

describe("displayPath", () => {
  it("sends each server path to the field that shows it", () => {
    expect(displayPath("tags.0")).toBe("tags");
    expect(displayPath("name")).toBe("name");
    expect(displayPath("variables.2.name")).toBe("variables.2.name");
    expect(displayPath("variables.1.options.3")).toBe("variables.1.options");
    expect(displayPath("variables.1")).toBe("variables.1");
    expect(displayPath("triggers.0.value")).toBe("triggers.0.value");
    expect(displayPath("triggers.4")).toBe("triggers");
    expect(displayPath("variables")).toBe("variables");
  });

  it("puts paths no field shows under 'draft', to be listed in words", () => {
    expect(displayPath("expectedVersion")).toBe("draft");
    expect(displayPath("")).toBe("draft");
    expect(displayPath("variables.0.colour")).toBe("variables.0");
  });
});

describe("buildIssueMap with a server error on tags.0", () => {
  it("marks the Tags field with a message written for people", () => {
    const draft = { name: "A", content: "Hi", tags: ["x".repeat(300)] };
    const { issues } = validateTemplate(draft);
    expect(issues).toEqual([
      { path: "tags.0", message: "A tag is 300 characters long; the limit is 50." },
    ]);
    const map = buildIssueMap([], { "tags.0": [issues[0]?.message ?? ""] });
    expect(issueAt(map, "tags")).toBe("A tag is 300 characters long; the limit is 50.");
  });

  it("drops a server message once its field changed, keeps the others", () => {
    const failed = {
      name: "A",
      tags: ["x".repeat(300)],
      variables: [{ name: "a" }, { name: "b" }],
    };
    const server = { "tags.0": ["too long"], name: ["taken"], "variables.1.name": ["bad"] };
    expect(unchangedServerErrors(server, failed, failed)).toEqual(server);
    const fixed = { ...failed, tags: ["short"] };
    expect(unchangedServerErrors(server, failed, fixed)).toEqual({
      name: ["taken"],
      "variables.1.name": ["bad"],
    });
    const renamed = { ...failed, variables: [{ name: "a" }, { name: "c" }] };
    expect(Object.keys(unchangedServerErrors(server, failed, renamed))).toEqual(["tags.0", "name"]);
  });
});
