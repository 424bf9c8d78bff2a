import type { JobDefinition } from "./define-job";
import { echoJob, stepsJob } from "./definitions/diagnostics";
import { invitationEmailJob } from "./definitions/invitation-email";
import { templateImportJob } from "./definitions/template-import";

/** Every job type the worker runs. A new type: a definition file here and its handler file. */
export const jobDefinitions: JobDefinition[] = [
  invitationEmailJob,
  templateImportJob,
  stepsJob,
  echoJob,
];

export function findJobDefinition(name: string): JobDefinition | undefined {
  return jobDefinitions.find((d) => d.name === name);
}
