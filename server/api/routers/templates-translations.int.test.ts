import { beforeAll, describe, expect, it } from "vitest";
import type { Database } from "@/db";
import { testDatabase } from "@/test/db";
import { addMember, type Caller, catchError, signUpOwner } from "@/test/factories";
import { refundPolicyDraft } from "@/test/template-drafts";

/** Issue #11: translations are linked variants, picked by the conversation's language. */
let db: Database;
let owner: Caller;
let agent: Caller;

beforeAll(async () => {
  db = await testDatabase();
  const signedUp = await signUpOwner(db, { workspaceName: "Translations" });
  owner = signedUp.caller;
  ({ caller: agent } = await addMember(db, signedUp.workspace, "agent"));
});

const greeting = (name: string, language: string, content: string) =>
  refundPolicyDraft({ name, language, content, variables: [], triggers: [] });

describe("template translations", () => {
  it("adds variants, lists one library row per group, and renders the conversation's language", async () => {
    const en = await owner.templates.create(greeting("Welcome", "en", "Hello and welcome!"));
    const fr = await owner.templates.translations.add({ id: en.id, language: "fr" });
    expect([fr.groupId, fr.language, fr.content]).toEqual([en.groupId, "fr", "Hello and welcome!"]);
    await owner.templates.update({
      id: fr.id,
      expectedVersion: 1,
      ...greeting("Bienvenue", "fr", "Bonjour et bienvenue !"),
    });
    const de = await owner.templates.translations.add({ id: fr.id, language: "de" });
    await owner.templates.update({
      id: de.id,
      expectedVersion: 1,
      ...greeting("Willkommen", "de", "Hallo und willkommen!"),
    });
    const variants = await agent.templates.translations.list({ id: de.id });
    expect(variants.map((v) => v.language)).toEqual(["en", "fr", "de"]);

    const rows = (await agent.templates.list({})).items;
    expect(rows.map((r) => [r.name, r.languages])).toEqual([["Welcome", ["en", "fr", "de"]]]);
    const french = (await agent.templates.list({ language: "fr" })).items;
    expect(french.map((r) => r.name)).toEqual(["Bienvenue"]);

    const render = (language?: string) =>
      agent.templates.render({ id: en.id, values: {}, format: "text", language });
    expect((await render("fr")).output).toBe("Bonjour et bienvenue !");
    expect((await render("fr-CA")).variant?.id).toBe(fr.id);
    expect((await render("de-AT")).output).toBe("Hallo und willkommen!");
    // No Japanese variant: the workspace's default language (en-US here), then the original.
    expect((await render("ja")).variant?.id).toBe(en.id);
    expect((await render()).variant?.id).toBe(en.id);
    // Each variant keeps its own versions.
    expect(await agent.templates.versions.list({ id: fr.id })).toHaveLength(2);
    expect(await agent.templates.versions.list({ id: en.id })).toHaveLength(1);
  });

  it("refuses a second variant in a language the group already has", async () => {
    const en = await owner.templates.create(greeting("Goodbye", "en", "Bye!"));
    const es = await owner.templates.translations.add({ id: en.id, language: "es" });
    const again = await catchError(owner.templates.translations.add({ id: en.id, language: "ES" }));
    expect(again.code).toBe("CONFLICT");
    const clash = owner.templates.update({
      id: es.id,
      expectedVersion: 1,
      ...greeting("Goodbye", "en", "Bye again!"),
    });
    expect((await catchError(clash)).code).toBe("CONFLICT");
    const bad = await catchError(owner.templates.translations.add({ id: en.id, language: "x" }));
    expect(bad.code).toBe("BAD_REQUEST");
  });

  it("translations of a personal template stay personal; moving one moves the group", async () => {
    const mine = await agent.templates.create(greeting("My hello", "en", "Hi!"));
    const it_ = await agent.templates.translations.add({ id: mine.id, language: "it" });
    expect(it_.visibility).toBe("personal");
    expect((await catchError(owner.templates.get({ id: it_.id }))).code).toBe("NOT_FOUND");
    // The owner cannot translate an agent's shared-by-admins template either way round.
    const shared = await owner.templates.create(greeting("Shared hi", "en", "Hi all!"));
    const refused = agent.templates.translations.add({ id: shared.id, language: "it" });
    expect((await catchError(refused)).code).toBe("FORBIDDEN");
    const adminsOnly = await owner.templates.update({
      id: shared.id,
      expectedVersion: 1,
      ...greeting("Shared hi", "en", "Hi all!"),
      visibility: "admins",
    });
    const nl = await owner.templates.translations.add({ id: adminsOnly.id, language: "nl" });
    expect(nl.visibility).toBe("admins");
    await owner.templates.update({
      id: shared.id,
      expectedVersion: 1,
      ...greeting("Shared hi", "en", "Hi all!"),
      visibility: "everyone",
    });
    expect((await agent.templates.get({ id: nl.id })).visibility).toBe("everyone");
  });
});
