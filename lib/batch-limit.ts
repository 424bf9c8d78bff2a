/**
 * Most procedure calls one HTTP request to /api/trpc may carry. The server answers 400 to a
 * larger batch before running any of it (server/api/batch-limit.ts); the app's and the SDK's
 * clients split their batches at this size, so they never meet that answer. Ten covers a
 * page's parallel queries; each call's work is bounded on its own (inputs, the regex budget
 * every call of a request shares), so the cap bounds the work one request can ask for.
 * No imports: the SDK uses it too.
 */
export const MAX_BATCH_SIZE = 10;
