import { z } from "./zod-fr";

/**
 * Characters no one types and that a field must never carry to the database: the C0 controls
 * (NUL makes PostgreSQL refuse the whole statement), DEL, the C1 controls, and the bidirectional
 * embedding, override and isolate marks that make a text display otherwise than it reads. Tab is
 * kept everywhere, line breaks in text areas only.
 */
const FORBIDDEN_IN_LINE = /[\u0000-\u0008\u000A-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/u;
const FORBIDDEN_IN_AREA = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/u;

export const CONTROL_CHARACTER_MESSAGE =
  "Ce texte contient un caractère invisible non autorisé (caractère de contrôle, souvent venu d'un copier-coller) : retapez le passage concerné.";

export function hasControlCharacter(value: string, options: { multiline?: boolean } = {}): boolean {
  return (options.multiline ? FORBIDDEN_IN_AREA : FORBIDDEN_IN_LINE).test(value);
}

type StringParams = Parameters<typeof z.string>[0];

function checked(multiline: boolean, params?: StringParams) {
  // Runs first and aborts, so that the person reads this one message rather than a length error.
  return z.string(params).refine((value) => !hasControlCharacter(value, { multiline }), { message: CONTROL_CHARACTER_MESSAGE, abort: true });
}

/**
 * Every text field of every shared schema starts here (a one-line input: no line breaks), then
 * chains its own rules: `textField().trim().min(…)`.
 */
export function textField(params?: StringParams) {
  return checked(false, params);
}

/** The same for a text area, where line breaks belong. */
export function textAreaField(params?: StringParams) {
  return checked(true, params);
}

/** For what is only read, never stored (a search box, a look-up): the controls are dropped. */
export function stripControlCharacters(value: string): string {
  return value.replace(new RegExp(FORBIDDEN_IN_LINE.source, "gu"), "");
}
