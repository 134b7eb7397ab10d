import type * as z from "zod";
import { AppError, MESSAGES } from "@/lib/errors";
import { fieldErrorsOf } from "./schemas";

/** Validates input with the entity's schema; invalid input becomes INVALID with field-level messages. */
export function parseOrThrow<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const result = schema.safeParse(input);
  if (!result.success) throw new AppError("INVALID", MESSAGES.INVALID, fieldErrorsOf(result.error));
  return result.data;
}

export function invalidField(field: string, message: string): AppError {
  return new AppError("INVALID", MESSAGES.INVALID, { [field]: [message] });
}
