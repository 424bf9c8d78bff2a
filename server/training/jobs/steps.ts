/** The five steps of a training job, as the progress data's `step` (1-based) counts them. */
export const TRAINING_STEPS = ["validate", "featurize", "train", "evaluate", "ready"] as const;
