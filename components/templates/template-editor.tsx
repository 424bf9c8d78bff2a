"use client";

import { useDeferredValue, useEffect, useEffectEvent, useMemo, useState } from "react";
import { Alert } from "@/components/ui/alert";
import { parseTemplate } from "@/server/templates/language/parse-template";
import { standardPlaceholder } from "@/server/templates/language/standard-placeholders";
import type { TemplateVisibility } from "@/server/templates/store/visibility";
import { validateTemplate } from "@/server/templates/validate-template";
import { ContentEditor } from "./content-editor";
import { CopyReply } from "./copy-reply";
import { DetailsFields } from "./details-fields";
import { EditorActions } from "./editor-actions";
import { draftFromForm, newTrigger, newVariable, previewVariables } from "./editor-form";
import { EditorHeader } from "./editor-header";
import { buildIssueMap, isBlankField, unchangedServerErrors } from "./field-issues";
import { guessVariableType } from "./guess-variable-type";
import { OptimizePanel } from "./optimize-panel";
import { PreviewPanel } from "./preview-panel";
import { SharingPanel } from "./sharing-panel";
import type { RenderSettings, TemplateDetail } from "./template-types";
import { templatesPath } from "./template-types";
import { TriggersPanel } from "./triggers-panel";
import { useEditorState } from "./use-editor-state";
import { useSampleValues } from "./use-sample-values";
import { useTemplateActions } from "./use-template-actions";
import { useUnsavedChangesWarning } from "./use-unsaved-changes";
import { VariablesPanel } from "./variables-panel";

type TemplateEditorProps = {
  slug: string;
  /** Null for a new template. */
  initial: TemplateDetail | null;
  categories: readonly string[];
  settings: RenderSettings;
  canWrite: boolean;
  /** Admins may share templates; agents keep personal ones. */
  isAdmin: boolean;
  /** A one-off message from the page that sent the author here ("Template created"). */
  notice?: string;
};

/** The template editor: details, content, variables, triggers and a live preview. */
export function TemplateEditor({
  slug,
  initial,
  categories,
  settings,
  canWrite,
  isAdmin,
  notice,
}: TemplateEditorProps) {
  const state = useEditorState(initial);
  const { form, patch, saved } = state;
  const [visibility, setVisibility] = useState<TemplateVisibility>(
    initial?.visibility ?? (isAdmin ? "everyone" : "personal"),
  );
  // Who sees it is saved with the template, so changing it alone is an unsaved change too.
  const dirty = state.dirty || (saved !== null && saved.visibility !== visibility);
  const actions = useTemplateActions(slug, state);
  const [attempted, setAttempted] = useState(false);
  const [samples, setSamples] = useSampleValues(initial?.id ?? null);
  const readOnly = !canWrite;

  useUnsavedChangesWarning(dirty && canWrite);

  // The notice is for this visit only: a reload should not announce it again.
  useEffect(() => {
    if (notice) window.history.replaceState(window.history.state, "", window.location.pathname);
  }, [notice]);
  // …and it is about the save that brought the author here: the next edit retires it.
  const [noticeDone, setNoticeDone] = useState(false);
  useEffect(() => {
    if (dirty) setNoticeDone(true);
  }, [dirty]);

  // What the parser and the schema say, recomputed behind typing rather than on every key.
  const deferredForm = useDeferredValue(form);
  const declared = useMemo(
    () => deferredForm.variables.map((v) => v.name.trim()),
    [deferredForm.variables],
  );
  const parsed = useMemo(
    () => parseTemplate(deferredForm.content, declared),
    [deferredForm.content, declared],
  );
  const contentErrors = parsed.diagnostics.filter((d) => d.severity === "error");
  const warnings = new Map(
    parsed.diagnostics.flatMap((d) =>
      d.severity === "warning" && d.name !== "" ? [[d.variableIndex, d.message] as const] : [],
    ),
  );
  const usage = new Map<string, number>();
  const undeclared: string[] = [];
  // Placeholders written with a fallback ({x|there}) never need a value: not required.
  const withFallback = new Set<string>();
  for (const node of parsed.nodes) {
    if (node.kind !== "placeholder") continue;
    usage.set(node.name, (usage.get(node.name) ?? 0) + 1);
    if (node.fallback !== undefined) withFallback.add(node.name);
    const known = declared.includes(node.name) || standardPlaceholder(node.name) !== undefined;
    if (!known && !undeclared.includes(node.name)) undeclared.push(node.name);
  }
  const serverErrors = useMemo(
    () =>
      unchangedServerErrors(actions.fieldErrors, actions.failedDraft, draftFromForm(deferredForm)),
    [actions.fieldErrors, actions.failedDraft, deferredForm],
  );
  const issues = useMemo(() => {
    const client = validateTemplate(draftFromForm(deferredForm)).issues.filter(
      (issue) => attempted || !isBlankField(deferredForm, issue.path),
    );
    return buildIssueMap(client, serverErrors);
  }, [deferredForm, attempted, serverErrors]);
  // "Please fix the highlighted fields" goes once every field it was about has been changed.
  const showError =
    actions.errorMessage !== null &&
    (Object.keys(actions.fieldErrors).length === 0 || Object.keys(serverErrors).length > 0);
  const declaredVariables = useMemo(() => previewVariables(deferredForm), [deferredForm]);
  const declaredNames = useMemo(() => declaredVariables.map((v) => v.name), [declaredVariables]);
  // What the preview asks values for: the declared variables, then the standard placeholders
  // the content uses without declaring them (an agent fills those in too).
  const variables = useMemo(() => {
    const names = new Set(declaredNames);
    const standard = parsed.nodes.flatMap((node) => {
      if (node.kind !== "placeholder" || names.has(node.name)) return [];
      const known = standardPlaceholder(node.name);
      if (known) names.add(node.name);
      return known ? [known] : [];
    });
    return [...declaredVariables, ...standard];
  }, [declaredVariables, declaredNames, parsed]);

  function addVariables(names: readonly string[]) {
    const existing = new Set(form.variables.map((v) => v.name.trim()));
    const added = names.filter((name) => !existing.has(name));
    patch({
      variables: [
        ...form.variables,
        ...added.map((name) => ({
          ...newVariable(name, guessVariableType(name)),
          required: !withFallback.has(name),
        })),
      ],
    });
  }

  function save() {
    if (readOnly || (saved && !dirty)) return;
    setAttempted(true);
    void actions.save(form, { visibility });
  }

  const onShortcut = useEffectEvent((event: KeyboardEvent) => {
    if ((event.ctrlKey || event.metaKey) && !event.altKey && event.key.toLowerCase() === "s") {
      event.preventDefault();
      save();
    }
  });
  useEffect(() => {
    const listener = (event: KeyboardEvent) => onShortcut(event);
    window.addEventListener("keydown", listener);
    return () => window.removeEventListener("keydown", listener);
  }, []);

  return (
    <div className="space-y-6">
      <EditorHeader
        libraryHref={templatesPath(slug)}
        title={saved ? saved.name : form.name.trim() || "New template"}
        status={saved?.status ?? form.status}
        saved={saved}
        dirty={dirty && canWrite}
        actions={
          <EditorActions
            slug={slug}
            saved={saved}
            canWrite={canWrite}
            dirty={dirty}
            actions={actions}
            onSave={save}
          />
        }
      />
      {notice && !noticeDone ? <Alert tone="success">{notice}</Alert> : null}
      {saved && canWrite ? <OptimizePanel slug={slug} templateId={saved.id} dirty={dirty} /> : null}
      {readOnly ? (
        <Alert>
          Only admins can change shared templates. You can try it out in the preview, or duplicate
          it into your personal templates.
        </Alert>
      ) : null}
      {actions.conflict ? (
        <Alert tone="error" title="Someone else saved this template while you were editing">
          <p>{actions.conflictMessage}</p>
          <div className="mt-2 flex flex-wrap gap-2">
            <button
              type="button"
              className="rounded font-medium underline underline-offset-2"
              onClick={() => void actions.loadLatest()}
            >
              Reload their version (drop my changes)
            </button>
            <button
              type="button"
              className="rounded font-medium underline underline-offset-2"
              onClick={() => void actions.overwriteLatest(form, visibility)}
            >
              Save mine over it
            </button>
          </div>
        </Alert>
      ) : null}
      {showError ? (
        <Alert tone="error">
          {actions.errorMessage}
          {issues.get("draft")?.map((message) => (
            <p key={message}>{message}</p>
          ))}
        </Alert>
      ) : null}

      <form
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          save();
        }}
        className="space-y-6"
      >
        <DetailsFields
          form={form}
          onChange={patch}
          categories={categories}
          issues={issues}
          readOnly={readOnly}
        />
        <SharingPanel
          slug={slug}
          saved={saved}
          visibility={visibility}
          onVisibilityChange={setVisibility}
          isAdmin={isAdmin}
          readOnly={readOnly}
        />
        <div className="grid gap-6 lg:grid-cols-2 lg:items-start">
          <div className="min-w-0 space-y-2">
            <ContentEditor
              value={form.content}
              onChange={(content) => patch({ content })}
              declared={declaredNames}
              errors={contentErrors}
              fieldError={issues.get("content")?.join(" ")}
              readOnly={readOnly}
              onDeclare={(name) => addVariables([name])}
            />
          </div>
          <div className="min-w-0 space-y-3 lg:sticky lg:top-6">
            <PreviewPanel
              content={form.content}
              variables={variables}
              values={samples}
              onValuesChange={setSamples}
              settings={settings}
            />
            <CopyReply
              content={form.content}
              variables={variables}
              values={samples}
              settings={settings}
              templateId={saved && !dirty ? saved.id : null}
              language={saved?.language ?? form.language}
            />
          </div>
        </div>
        <VariablesPanel
          variables={form.variables}
          onChange={(next) => patch({ variables: next })}
          onAdd={() => patch({ variables: [...form.variables, newVariable()] })}
          undeclared={undeclared}
          onAddFromContent={() => addVariables(undeclared)}
          usage={usage}
          warnings={warnings}
          issues={issues}
          readOnly={readOnly}
        />
        <TriggersPanel
          triggers={form.triggers}
          onChange={(next) => patch({ triggers: next })}
          onAdd={() => patch({ triggers: [...form.triggers, newTrigger()] })}
          issues={issues}
          readOnly={readOnly}
        />
      </form>
    </div>
  );
}
