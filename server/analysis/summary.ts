/**
 * The seed's analyzeConversationData shape, computed from analysed messages: accuracy (how often
 * the deployed model's top suggestion is the template the agent used, over messages where the
 * agent used one), the most common failure points (agent's template → what the model suggested
 * instead, with examples), improvement areas (templates the model misses most), satisfaction
 * (mean CSAT and resolution rate where the data has them).
 */
import type { AnalysedMessage } from "./gaps";

export interface OutcomeMessage extends AnalysedMessage {
  /** The template the agent used in reply (null: none, or unknown). */
  agentTemplateId: string | null;
  csat: number | null;
  resolved: boolean | null;
}

export interface ConversationAnalysis {
  messages: number;
  /** Null when no message has an agent's template to compare with. */
  accuracyScore: number | null;
  comparedMessages: number;
  commonFailurePoints: {
    expected: string;
    suggested: string | null;
    count: number;
    examples: string[];
  }[];
  improvementAreas: { templateId: string; misses: number; total: number; missRate: number }[];
  satisfaction: { csat: number | null; csatResponses: number; resolutionRate: number | null };
}

const round = (x: number) => Math.round(x * 10_000) / 10_000;

export function analyzeConversationData(messages: readonly OutcomeMessage[]): ConversationAnalysis {
  const compared = messages.filter((m) => m.agentTemplateId !== null);
  const hits = compared.filter((m) => m.topLabel === m.agentTemplateId).length;
  const failures = new Map<
    string,
    { expected: string; suggested: string | null; texts: string[] }
  >();
  const perTemplate = new Map<string, { misses: number; total: number }>();
  for (const m of compared) {
    const expected = m.agentTemplateId as string;
    const entry = perTemplate.get(expected) ?? { misses: 0, total: 0 };
    entry.total++;
    if (m.topLabel !== expected) {
      entry.misses++;
      const key = `${expected}\u0000${m.topLabel ?? ""}`;
      const failure = failures.get(key) ?? { expected, suggested: m.topLabel, texts: [] };
      failure.texts.push(m.text);
      failures.set(key, failure);
    }
    perTemplate.set(expected, entry);
  }
  const csats = messages.flatMap((m) => (m.csat === null ? [] : [m.csat]));
  const resolutions = messages.flatMap((m) => (m.resolved === null ? [] : [m.resolved]));
  return {
    messages: messages.length,
    accuracyScore: compared.length > 0 ? round(hits / compared.length) : null,
    comparedMessages: compared.length,
    commonFailurePoints: [...failures.values()]
      .sort((a, b) => b.texts.length - a.texts.length)
      .slice(0, 10)
      .map((f) => ({
        expected: f.expected,
        suggested: f.suggested,
        count: f.texts.length,
        examples: f.texts.slice(0, 3),
      })),
    improvementAreas: [...perTemplate.entries()]
      .filter(([, v]) => v.misses > 0)
      .map(([templateId, v]) => ({ templateId, ...v, missRate: round(v.misses / v.total) }))
      .sort((a, b) => b.misses - a.misses)
      .slice(0, 10),
    satisfaction: {
      csat: csats.length > 0 ? round(csats.reduce((s, v) => s + v, 0) / csats.length) : null,
      csatResponses: csats.length,
      resolutionRate:
        resolutions.length > 0
          ? round(resolutions.filter(Boolean).length / resolutions.length)
          : null,
    },
  };
}
