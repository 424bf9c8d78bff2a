import { afterEach, describe, expect, it, vi } from "vitest";
import { configurationProblems, getEnv, resetEnvForTests } from "@/server/env";

describe("AI settings in the environment", () => {
  afterEach(() => {
    vi.unstubAllEnvs();
    resetEnvForTests();
  });

  it("an OpenAI-compatible server needs its model named", () => {
    vi.stubEnv("AI_BASE_URL", "http://127.0.0.1:11434/v1");
    expect(configurationProblems()).toContain(
      "AI_MODEL is required with AI_BASE_URL (the model that server serves)",
    );
    vi.stubEnv("AI_MODEL", "llama3.2");
    expect(configurationProblems()).not.toContain(
      "AI_MODEL is required with AI_BASE_URL (the model that server serves)",
    );
  });

  it("refuses a base URL that is not http(s), and treats empty values as unset", () => {
    vi.stubEnv("AI_BASE_URL", "file:///etc/passwd");
    expect(configurationProblems().join(" ")).toContain("AI_BASE_URL");
    vi.stubEnv("AI_BASE_URL", "");
    vi.stubEnv("OPENAI_API_KEY", " ");
    resetEnvForTests();
    expect(getEnv()).toMatchObject({ AI_BASE_URL: undefined, OPENAI_API_KEY: undefined });
  });
});
