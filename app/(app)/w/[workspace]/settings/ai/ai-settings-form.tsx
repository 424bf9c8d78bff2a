"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { type FormEvent, useState } from "react";
import { useTRPC } from "@/components/providers/trpc-react-provider";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card, CardBody, CardFooter, CardHeader } from "@/components/ui/card";
import { CheckboxField } from "@/components/ui/checkbox-field";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import { fieldErrorsOf, formErrorMessage } from "@/lib/trpc-errors";
import type { AiSettingsView } from "@/server/ai/settings";

const USE_CASES = [
  { key: "optimize", label: "Template optimisation" },
  { key: "rerank", label: "Suggestion re-ranking" },
  { key: "embed", label: "Embeddings" },
  { key: "insights", label: "Insights" },
  { key: "draft", label: "Drafting" },
] as const;

const numberOrNull = (value: string) => (value.trim() === "" ? null : Number(value));

/** Provider, models per use case, the off switch, a workspace key (write-only) and the daily budget. */
export function AiSettingsForm({ initial }: { initial: AiSettingsView }) {
  const trpc = useTRPC();
  const router = useRouter();
  const update = useMutation(trpc.ai.settings.update.mutationOptions());
  const [view, setView] = useState(initial);
  const [enabled, setEnabled] = useState(initial.enabled);
  const [provider, setProvider] = useState(initial.provider);
  const [baseUrl, setBaseUrl] = useState(initial.baseUrl ?? "");
  const [models, setModels] = useState<Record<string, string>>({ ...initial.models });
  const [apiKey, setApiKey] = useState("");
  const [removeKey, setRemoveKey] = useState(false);
  const [calls, setCalls] = useState(initial.dailyCallLimit?.toString() ?? "");
  const [tokens, setTokens] = useState(initial.dailyTokenLimit?.toString() ?? "");
  const [rerank, setRerank] = useState(initial.rerankSuggestions);
  const [embedFeatures, setEmbedFeatures] = useState(initial.embeddingFeatures);
  const [saved, setSaved] = useState(false);
  const errors = fieldErrorsOf(update.error);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setSaved(false);
    try {
      const next = await update.mutateAsync({
        enabled,
        provider,
        baseUrl: provider === "openai-compatible" ? baseUrl.trim() || null : null,
        models: Object.fromEntries(Object.entries(models).filter(([, v]) => v.trim() !== "")),
        apiKey: removeKey ? null : apiKey.trim() ? apiKey.trim() : undefined,
        dailyCallLimit: numberOrNull(calls),
        dailyTokenLimit: numberOrNull(tokens),
        rerankSuggestions: rerank,
        embeddingFeatures: embedFeatures,
      });
      setView(next);
      setApiKey("");
      setRemoveKey(false);
      setSaved(true);
      router.refresh();
    } catch {
      // Shown from update.error.
    }
  }

  const defaultLabel = view.serverDefault
    ? `Server default (${view.serverDefault})`
    : "Server default (none configured)";
  const noProvider = provider === "default" && !view.serverDefault;
  return (
    <form onSubmit={onSubmit} noValidate>
      <Card>
        <CardHeader
          title="AI provider"
          description="Which model this workspace's AI features use. Without one, Parley uses its local, rule-based features and says so."
        />
        <CardBody className="space-y-4">
          {!enabled ? (
            <Alert>AI is switched off: no text leaves Parley for a provider.</Alert>
          ) : null}
          {enabled && noProvider ? (
            <Alert>
              No AI provider is configured. Template optimisation uses the rule-based optimiser (not
              AI-written).
            </Alert>
          ) : null}
          <CheckboxField label="Use AI in this workspace" checked={enabled} onChange={setEnabled} />
          <FormField label="Provider" error={errors.provider}>
            {(control) => (
              <Select
                {...control}
                value={provider}
                onChange={(e) => setProvider(e.target.value as AiSettingsView["provider"])}
              >
                <option value="default">{defaultLabel}</option>
                <option value="openai">OpenAI</option>
                <option value="anthropic">Anthropic</option>
                <option value="openai-compatible">
                  OpenAI-compatible server (Ollama, vLLM, LM Studio)
                </option>
              </Select>
            )}
          </FormField>
          {provider === "openai-compatible" ? (
            <FormField
              label="Server URL"
              error={errors.baseUrl}
              hint="e.g. http://127.0.0.1:11434/v1"
            >
              {(control) => (
                <Input {...control} value={baseUrl} onChange={(e) => setBaseUrl(e.target.value)} />
              )}
            </FormField>
          ) : null}
          {provider !== "default" ? (
            <FormField
              label="API key"
              error={errors.apiKey}
              hint={
                view.apiKeyHint
                  ? `A key ending ${view.apiKeyHint} is stored (encrypted). Leave empty to keep it.`
                  : "Stored encrypted; never shown again."
              }
            >
              {(control) => (
                <Input
                  {...control}
                  type="password"
                  autoComplete="off"
                  value={apiKey}
                  onChange={(e) => setApiKey(e.target.value)}
                />
              )}
            </FormField>
          ) : null}
          {view.apiKeyUnreadable ? (
            <Alert tone="warning">
              The stored key cannot be read (the server's secret changed): enter it again.
            </Alert>
          ) : null}
          {view.apiKeyHint ? (
            <CheckboxField
              label="Remove the stored key"
              checked={removeKey}
              onChange={setRemoveKey}
            />
          ) : null}
          <fieldset className="grid gap-3 sm:grid-cols-2">
            <legend className="mb-2 text-sm font-medium text-zinc-900">
              Model per use case (empty: the provider's default)
            </legend>
            {USE_CASES.map((u) => (
              <FormField key={u.key} label={u.label} error={errors[`models.${u.key}`]}>
                {(control) => (
                  <Input
                    {...control}
                    value={models[u.key] ?? ""}
                    onChange={(e) => setModels((m) => ({ ...m, [u.key]: e.target.value }))}
                  />
                )}
              </FormField>
            ))}
          </fieldset>
          <div className="grid gap-1">
            <CheckboxField
              label="Re-rank suggestions with AI"
              checked={rerank}
              onChange={setRerank}
            />
            <p className="text-sm text-zinc-600">
              After the local ranking, the re-rank model reorders the top suggestions. Each
              suggestion request then waits for one provider call (up to 1.5 s; slower or failed
              calls keep the local order and say so) and counts against the daily budget.
            </p>
          </div>
          <div className="grid gap-1">
            <CheckboxField
              label="Use AI embeddings as model features"
              checked={embedFeatures}
              onChange={setEmbedFeatures}
            />
            <p className="text-sm text-zinc-600">
              From the next training run, the embedding model's vectors of the examples become extra
              features of the suggestion model, and each incoming message is embedded once (up to 1
              s; a slower or failed call suggests from the words alone and says so). Every training
              example and suggestion request counts against the daily budget.
            </p>
          </div>
          <div className="grid gap-3 sm:grid-cols-2">
            <FormField
              label="Daily call limit"
              error={errors.dailyCallLimit}
              hint="Empty: no limit. Resets at 00:00 UTC."
            >
              {(control) => (
                <Input
                  {...control}
                  inputMode="numeric"
                  value={calls}
                  onChange={(e) => setCalls(e.target.value)}
                />
              )}
            </FormField>
            <FormField
              label="Daily token limit"
              error={errors.dailyTokenLimit}
              hint="Input and output tokens together."
            >
              {(control) => (
                <Input
                  {...control}
                  inputMode="numeric"
                  value={tokens}
                  onChange={(e) => setTokens(e.target.value)}
                />
              )}
            </FormField>
          </div>
          {formErrorMessage(update.error) ? (
            <Alert tone="error">{formErrorMessage(update.error)}</Alert>
          ) : null}
        </CardBody>
        <CardFooter>
          <span role="status" className="text-sm text-emerald-700">
            {saved ? "Saved" : ""}
          </span>
          <Button type="submit" pending={update.isPending} pendingLabel="Saving…">
            Save AI settings
          </Button>
        </CardFooter>
      </Card>
    </form>
  );
}
