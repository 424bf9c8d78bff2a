import type { RankingBasis, TemplateSignals } from "./ranking";

/** For ranking tests: a deployed model whose threshold is below TRIGGER_RELIABILITY (0.75). */
export const TRAINED: RankingBasis = { modelDeployed: true, threshold: 0.6 };

/** For ranking tests: one template's signals, none but those given. */
export const signals = (templateId: string, s: Partial<TemplateSignals> = {}): TemplateSignals => ({
  templateId,
  modelProbability: null,
  triggerWeight: 0,
  textMatch: 0,
  pastChoices: 0,
  ...s,
});
