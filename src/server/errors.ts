/** A refusal the user can act on (invalid transition, conflict...): its message is shown as is. */
export class DomainError extends Error {
  constructor(
    message: string,
    readonly fieldErrors?: Record<string, string[]>,
  ) {
    super(message);
    this.name = "DomainError";
  }
}

export class NotFoundError extends DomainError {
  constructor(what = "Élément") {
    super(`${what} introuvable.`);
    this.name = "NotFoundError";
  }
}
