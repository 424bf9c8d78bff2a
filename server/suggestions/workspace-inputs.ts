import type { Tx } from "@/db/client";
import { log } from "@/server/logger";
import { SharedLoads } from "@/server/shared-loads";
import { type AiSwitches, aiSuggestionSwitches } from "./ai-embed-step";
import { type Catalog, catalogStamp, loadCatalog } from "./catalog";
import { type ChoiceIndex, indexChoices } from "./choice-index";
import type { DeployedStamp, ModelSource } from "./model-source";
import { recentDecidedChoices } from "./past-choices";

/**
 * What every suggestion reads besides the model's weights: the catalog of active templates,
 * which version is deployed, the AI switches and agents' recent decided choices. Reading them in
 * a transaction per request cost ≈ 40 % of the web process's CPU per suggestion and nearly all
 * of PostgreSQL's (bench/suggest-http.ts); they change when someone edits a template, deploys,
 * flips a switch or gives feedback, far less often than suggestions are asked for. So each
 * process keeps them per workspace:
 *
 * - Table triggers announce every change on SUGGESTION_INPUTS_CHANNEL at commit (migration
 *   0040), and deploys on the model channel, from whichever process or tool wrote them; the
 *   process's LISTEN drops that workspace's copy (serving.ts).
 * - A mutation through this process's API drops it as soon as it has committed (the procedure
 *   tiers, server/api/trpc.ts), so the same client's next request sees its own change
 *   (feedback, a template edit) without waiting for the notification.
 * - A copy older than INPUTS_TTL_MS is read again, which heals a missed notification (a dropped
 *   LISTEN connection); meanwhile requests keep using it (one refresh at a time).
 * - Requests that find no copy share one read (under load, fifty concurrent misses each opening
 *   a transaction queued on the pool for seconds), and a copy read while a change to its
 *   workspace was announced serves the requests already waiting for it but is not kept.
 * - A copy dropped by a change keeps its catalog for the next read to reuse when the templates'
 *   stamp has not moved (feedback changes only the choices).
 */
export interface WorkspaceInputs {
  catalog: Catalog;
  deployed: DeployedStamp | null;
  aiSwitches: AiSwitches;
  choices: ChoiceIndex;
  /** Rough size in memory: the catalog's estimate plus the choices'. */
  bytes: number;
}

export const SUGGESTION_INPUTS_CHANNEL = "parley_suggestion_inputs";
export const INPUTS_TTL_MS = 3_000;
/** Per process, the longest-kept first out (a 1,000-template catalog is ≈ 1 MB). */
export const DEFAULT_INPUTS_BYTES = 64 * 1024 * 1024;

/** All of it in one pipelined batch on the caller's (read-only tenant) transaction. */
export async function readWorkspaceInputs(
  tx: Tx,
  source: ModelSource,
  previous: Catalog | undefined,
): Promise<WorkspaceInputs> {
  const [stamp, deployed, aiSwitches, decided] = await Promise.all([
    catalogStamp(tx),
    source.stamp(tx),
    aiSuggestionSwitches(tx),
    recentDecidedChoices(tx),
  ]);
  const catalog = previous?.stamp === stamp ? previous : await loadCatalog(tx, stamp);
  let choiceBytes = 0;
  for (const choice of decided) choiceBytes += 200 + 40 * choice.tokens.length;
  return {
    catalog,
    deployed,
    aiSwitches,
    choices: indexChoices(decided),
    bytes: catalog.bytes + choiceBytes,
  };
}

type Entry = { inputs: WorkspaceInputs; at: number; current: boolean };
type Load = (previous: Catalog | undefined) => Promise<WorkspaceInputs>;

export class WorkspaceInputsCache {
  private readonly entries = new Map<string, Entry>();
  private readonly loads = new SharedLoads<string, WorkspaceInputs>();
  private held = 0;

  constructor(
    private readonly now: () => number = () => performance.now(),
    private readonly maxBytes = DEFAULT_INPUTS_BYTES,
  ) {}

  /** The workspace's inputs: the kept copy, or one shared read through `load`. */
  async get(workspaceId: string, load: Load): Promise<WorkspaceInputs> {
    const entry = this.entries.get(workspaceId);
    const keep = (inputs: WorkspaceInputs) => this.keep(workspaceId, inputs);
    if (entry?.current) {
      if (this.now() - entry.at > INPUTS_TTL_MS && !this.loads.isLoading(workspaceId)) {
        this.loads
          .load(workspaceId, () => load(entry.inputs.catalog), keep)
          .catch((error) =>
            log.warn("suggestions: could not refresh a workspace's inputs; using the kept copy", {
              workspaceId,
              error: error instanceof Error ? error.message : String(error),
            }),
          );
      }
      return entry.inputs;
    }
    return this.loads.load(workspaceId, () => load(entry?.inputs.catalog), keep);
  }

  /** Something the workspace's suggestions read changed: its next request reads again. */
  invalidate(workspaceId: string): void {
    const entry = this.entries.get(workspaceId);
    if (entry) entry.current = false;
    // A read already under way may predate the change: it is not kept, nor joined.
    this.loads.forget(workspaceId);
  }

  private keep(workspaceId: string, inputs: WorkspaceInputs): void {
    const old = this.entries.get(workspaceId);
    if (old) {
      this.held -= old.inputs.bytes;
      this.entries.delete(workspaceId);
    }
    this.entries.set(workspaceId, { inputs, at: this.now(), current: true });
    this.held += inputs.bytes;
    for (const [key, entry] of this.entries) {
      if (this.held <= this.maxBytes || this.entries.size <= 1) break;
      this.entries.delete(key);
      this.held -= entry.inputs.bytes;
    }
  }
}
