/** Messages between the suggestion server and its scoring thread (scoring-thread.ts). */
export type ScoringRequest =
  | { type: "load"; key: string; bytes: Uint8Array }
  | { type: "drop"; key: string }
  /** Every text asked for in one burst of the event loop, as one message. */
  | { type: "score"; items: ScoreItem[] };

export type ScoreItem = { id: number; key: string; text: string; extra: number[] | null };
/** `p` null: the thread does not hold that model (dropped meanwhile); score in the caller. */
export type ScoredItem = {
  id: number;
  p: Float64Array | null;
  known: boolean;
  knownWordShare: number;
  missing: boolean;
};

export type ScoringReply =
  | { type: "loaded"; key: string }
  | { type: "load-failed"; key: string; message: string }
  | { type: "scored"; results: ScoredItem[] };
