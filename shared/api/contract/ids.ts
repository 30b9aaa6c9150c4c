import { z } from 'zod';

/** One method of the contract: the schema its input is validated with and the shape it returns. */
export interface MethodSpec<I extends z.ZodType = z.ZodType, O extends z.ZodType = z.ZodType> {
  input: I;
  output: O;
}

/** A contract method from its input schema and its output schema. */
export function method<I extends z.ZodType, O extends z.ZodType>(input: I, output: O): MethodSpec<I, O> {
  return { input, output };
}

/** The input of a method that takes none. */
export const noInput = z.object({}).strict();
/** A document's id as methods take it. */
export const documentId = z.string().min(1).max(200);
/** An annotation's id as methods take it. */
export const annotationId = z.string().min(1).max(200);
/** A label's id as methods take it. */
export const labelId = z.string().min(1).max(100);
