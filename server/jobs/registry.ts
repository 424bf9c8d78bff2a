import type { JobDefinition } from "./define-job";
import { analyticsRollupJob } from "./definitions/analytics-rollup";
import { conversationAnalysisJob } from "./definitions/conversation-analysis";
import { datasetParseJob } from "./definitions/dataset-parse";
import { echoJob, stepsJob } from "./definitions/diagnostics";
import { invitationEmailJob } from "./definitions/invitation-email";
import { modelTrainingJob } from "./definitions/model-training";
import { outboundReplyJob } from "./definitions/outbound-reply";
import { templateImportJob } from "./definitions/template-import";
import { templateTrashPurgeJob } from "./definitions/template-trash-purge";

/** Every job type the worker runs. A new type: a definition file here and its handler file. */
export const jobDefinitions: JobDefinition[] = [
  invitationEmailJob,
  templateImportJob,
  outboundReplyJob,
  modelTrainingJob,
  datasetParseJob,
  templateTrashPurgeJob,
  analyticsRollupJob,
  conversationAnalysisJob,
  stepsJob,
  echoJob,
];

export function findJobDefinition(name: string): JobDefinition | undefined {
  return jobDefinitions.find((d) => d.name === name);
}

/** The definitions named in JOBS_QUEUES (a dedicated worker), or all; unknown names fail. */
export function selectedDefinitions(list: string | undefined): JobDefinition[] {
  if (!list) return jobDefinitions;
  return list
    .split(",")
    .map((name) => name.trim())
    .filter(Boolean)
    .map((name) => {
      const definition = findJobDefinition(name);
      if (!definition) throw new Error(`JOBS_QUEUES: unknown job type "${name}"`);
      return definition;
    });
}
