/**
 * The linear classifier(s) a training run fits on a feature matrix, by `config.optimizer`:
 * softmax by SGD or L-BFGS, the one-vs-rest SVM (svm.ts), or both ("ensemble"). Every result is
 * one linear model (weights feature-major + bias) whose outputs are logits, so prediction,
 * temperature scaling and the artefact format are the same for all of them.
 */
import { fitTemperature } from "../evaluation/calibration";
import { trainLbfgs } from "./lbfgs";
import { trainSgd } from "./sgd";
import { logitsAll, type SoftmaxModel } from "./softmax";
import type { SparseMatrix } from "./sparse";
import { DEFAULT_SVM, trainSvm } from "./svm";
import type { TrainingConfig } from "./train";

/**
 * Typical held-out temperatures (BANKING77 splits, bench/model-sweep.ts): the SVM's decision values
 * live in about [−1.5, 1.5], so its probabilities need T ≈ 0.2 — the centre of the temperature
 * prior for it, and the weights used for an ensemble trained without held-out rows.
 */
export const TYPICAL_TEMPERATURE = { softmax: 0.7, svm: 0.2 } as const;

export interface FittedParts {
  softmax?: SoftmaxModel;
  svm?: SoftmaxModel;
}

/** Fit what the config asks for; `progress(fraction)` in [0, 1] over this fit. */
export function fitParts(
  matrix: SparseMatrix,
  labels: Int32Array,
  classes: number,
  config: TrainingConfig,
  progress: (fraction: number, message: string) => void,
): FittedParts {
  const parts: FittedParts = {};
  const both = config.optimizer === "ensemble";
  // Rough cost shares when both run (measured on BANKING77: SGD ≈ 1.4 × the SVM).
  const softShare = both ? 0.6 : 1;
  if (config.optimizer === "lbfgs") {
    const { model } = trainLbfgs(matrix, labels, classes, {
      lambda: config.lambda,
      maxIterations: config.lbfgsIterations,
      gradientTolerance: 1e-6,
      memory: 8,
      onIteration: (i) => {
        progress(i / config.lbfgsIterations, `iteration ${i}`);
        return true;
      },
    });
    parts.softmax = {
      ...model,
      weights: Float32Array.from(model.weights),
      bias: Float32Array.from(model.bias),
    };
  } else if (config.optimizer === "sgd" || both) {
    parts.softmax = trainSgd(matrix, labels, classes, {
      epochs: config.epochs,
      lambda: config.lambda,
      eta0: config.eta0,
      seed: config.seed,
      onEpoch: (epoch, epochs) => {
        progress((softShare * epoch) / epochs, `epoch ${epoch}/${epochs}`);
        return true;
      },
    });
  }
  if (config.optimizer === "svm" || both) {
    parts.svm = trainSvm(matrix, labels, classes, {
      ...DEFAULT_SVM,
      C: config.svmC ?? DEFAULT_SVM.C,
      eps: config.svmEps ?? DEFAULT_SVM.eps,
      maxIterations: config.svmMaxIterations ?? DEFAULT_SVM.maxIterations,
      seed: config.seed,
      onClass: (k, total) => {
        progress(1 - softShare + (softShare * k) / total, `SVM class ${k}/${total}`);
        return true;
      },
    });
  }
  return parts;
}

/** Temperatures that put each part on the log-probability scale (held-out rows, if any). */
export function partTemperatures(
  parts: FittedParts,
  heldOut: { matrix: SparseMatrix; truth: number[] } | null,
): { softmax: number; svm: number } {
  const temperatureOf = (model: SoftmaxModel | undefined, typical: number) =>
    model && heldOut
      ? fitTemperature(logitsAll(model, heldOut.matrix), heldOut.truth, typical)
      : typical;
  return {
    softmax: temperatureOf(parts.softmax, TYPICAL_TEMPERATURE.softmax),
    svm: temperatureOf(parts.svm, TYPICAL_TEMPERATURE.svm),
  };
}

/** One linear model: a single part as is, or both as W_soft/T_soft + W_svm/T_svm. */
export function combineParts(
  parts: FittedParts,
  temperatures: { softmax: number; svm: number },
): SoftmaxModel {
  const { softmax, svm } = parts;
  if (softmax && svm) {
    const weights = new Float32Array(softmax.weights.length);
    for (let i = 0; i < weights.length; i++) {
      weights[i] =
        (softmax.weights[i] as number) / temperatures.softmax +
        (svm.weights[i] as number) / temperatures.svm;
    }
    const bias = new Float32Array(softmax.bias.length);
    for (let k = 0; k < bias.length; k++) {
      bias[k] =
        (softmax.bias[k] as number) / temperatures.softmax +
        (svm.bias[k] as number) / temperatures.svm;
    }
    return { features: softmax.features, classes: softmax.classes, weights, bias };
  }
  const single = softmax ?? svm;
  if (!single) throw new Error("no classifier fitted");
  return single;
}

/**
 * Centre of the temperature prior for the stored model's logits: the SVM's typical T; 2 for the
 * ensemble (a sum of two log-probability scales: T = 2 is their plain average); else 1.
 */
export function priorTemperature(config: TrainingConfig): number {
  if (config.optimizer === "svm") return TYPICAL_TEMPERATURE.svm;
  return config.optimizer === "ensemble" ? 2 : 1;
}
