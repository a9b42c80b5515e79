import "server-only";
import { unstable_rethrow } from "next/navigation";
import type { z } from "zod";
import {
  AuthenticationRequiredError,
  AuthorizationError,
  requireUser,
  type CurrentUser,
} from "@/server/auth/roles";
import { DomainError } from "@/server/errors";

export type ActionResult<T> =
  | { ok: true; data: T }
  | { ok: false; error: string; fieldErrors?: Record<string, string[]> };

/** Groups zod issues by top-level field path ("skills.0.label" → "skills.0.label"). */
export function fieldErrorsOf(error: z.ZodError): Record<string, string[]> {
  const fieldErrors: Record<string, string[]> = {};
  for (const issue of error.issues) {
    const key = issue.path.join(".") || "_form";
    (fieldErrors[key] ??= []).push(issue.message);
  }
  return fieldErrors;
}

/**
 * The one shape of every server action: parse with the shared zod schema on the server,
 * check the user, call the service, and answer `{ ok, data } | { ok: false, error, fieldErrors }`.
 * Next's redirect and not-found signals go through untouched.
 */
export function defineAction<Schema extends z.ZodType, Result>(
  schema: Schema,
  handler: (input: z.output<Schema>, user: CurrentUser) => Promise<Result>,
) {
  return async (rawInput: z.input<Schema>): Promise<ActionResult<Result>> => {
    const parsed = schema.safeParse(rawInput);
    if (!parsed.success) {
      return { ok: false, error: "Le formulaire contient des erreurs : corrigez les champs signalés.", fieldErrors: fieldErrorsOf(parsed.error) };
    }
    try {
      const user = await requireUser();
      return { ok: true, data: await handler(parsed.data, user) };
    } catch (error) {
      unstable_rethrow(error);
      if (error instanceof AuthenticationRequiredError || error instanceof AuthorizationError) {
        return { ok: false, error: error.message };
      }
      if (error instanceof DomainError) return { ok: false, error: error.message, fieldErrors: error.fieldErrors };
      console.error("Server action failed", error);
      return {
        ok: false,
        error: "Une erreur technique nous empêche d'enregistrer. Ce qui était enregistré est conservé : réessayez dans un instant.",
      };
    }
  };
}
