import "server-only";
import { unstable_rethrow } from "next/navigation";
import type { z } from "zod";
import {
  AuthenticationRequiredError,
  AuthorizationError,
  primaryRole as primaryRoleOf,
  requireUser,
  type CurrentUser,
} from "@/server/auth/roles";
import { DomainError } from "@/server/errors";
import { errorClass, errorFields, logger, pseudonym } from "@/server/observability/logger";
import { annotateRequest, currentRequest } from "@/server/observability/request-context";

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
    const started = performance.now();
    let user: CurrentUser | undefined;
    const done = (outcome: "ok" | "invalid" | "refused" | "error" | "redirect", error?: unknown) => {
      const request = currentRequest();
      annotateRequest({ outcome, ...(error ? { errorClass: errorClass(error) } : {}) });
      const fields = {
        event: "server.action",
        requestId: request?.requestId,
        action: request?.action ?? "action",
        route: request?.route,
        ...(user ? { user: pseudonym(user.id), role: primaryRoleOf(user) } : {}),
        durationMs: Math.round(performance.now() - started),
        outcome,
        ...(error ? (outcome === "error" ? errorFields(error) : { errorClass: errorClass(error) }) : {}),
      };
      if (outcome === "error") logger().error(fields, "action en échec");
      else logger().info(fields, "action");
    };
    const parsed = schema.safeParse(rawInput);
    if (!parsed.success) {
      done("invalid");
      return { ok: false, error: "Le formulaire contient des erreurs : corrigez les champs signalés.", fieldErrors: fieldErrorsOf(parsed.error) };
    }
    try {
      user = await requireUser();
      const data = await handler(parsed.data, user);
      done("ok");
      return { ok: true, data };
    } catch (error) {
      if (isNextSignal(error)) done("redirect");
      unstable_rethrow(error);
      if (error instanceof AuthenticationRequiredError || error instanceof AuthorizationError) {
        done("refused", error);
        return { ok: false, error: error.message };
      }
      if (error instanceof DomainError) {
        done("refused", error);
        return { ok: false, error: error.message, fieldErrors: error.fieldErrors };
      }
      done("error", error);
      return {
        ok: false,
        error: "Une erreur technique nous empêche d'enregistrer. Ce qui était enregistré est conservé : réessayez dans un instant.",
      };
    }
  };
}

/** Next's redirect / not-found signals carry a digest starting with NEXT_. */
function isNextSignal(error: unknown): boolean {
  const digest = (error as { digest?: unknown } | null)?.digest;
  return typeof digest === "string" && digest.startsWith("NEXT_");
}
