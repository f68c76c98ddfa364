import type { z } from 'zod';

/**
 * One method of the `vindex stats` JSON contract: a zod schema for the request (each field
 * documented with `.describe()`, defaults included) and a pure function from the parsed
 * request to a JSON-serialisable result.
 */
export interface StatsMethod<S extends z.ZodType = z.ZodType> {
  readonly name: string;
  readonly summary: string;
  /** The paper, book or R function the results are checked against. */
  readonly reference: string;
  readonly request: S;
  run(request: z.output<S>): unknown;
}

/** Raised by an estimator when the data admit no meaningful answer (e.g. complete separation). */
export class NumericalError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'NumericalError';
  }
}

export function defineMethod<S extends z.ZodType>(method: StatsMethod<S>): StatsMethod<S> {
  return Object.freeze(method);
}
