import type { z } from 'zod';

/**
 * A command's contract: the zod schema of its arguments and, as a phantom type, its result.
 * Written as `command<Result>()(schema)` so the result type is stated next to the schema.
 */
export interface CommandSpec<Args extends z.ZodType, Result> {
  readonly args: Args;
  /** Never set at runtime; carries the result type for the compiler. */
  readonly result?: Result;
}

export function command<Result>() {
  return <Args extends z.ZodType>(args: Args): CommandSpec<Args, Result> => ({ args });
}

export type SpecArgs<S> = S extends CommandSpec<infer A, unknown> ? z.input<A> : never;
export type SpecParsedArgs<S> = S extends CommandSpec<infer A, unknown> ? z.output<A> : never;
export type SpecResult<S> = S extends CommandSpec<z.ZodType, infer R> ? R : never;
