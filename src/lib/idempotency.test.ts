import { describe, expect, it } from "vitest";
import { idempotencyKey } from "@/features/compensation/schemas";
import { newIdempotencyKey } from "./idempotency";

describe("newIdempotencyKey", () => {
  it("donne une clé que le schéma du serveur accepte, différente à chaque appel", () => {
    const keys = Array.from({ length: 1000 }, newIdempotencyKey);
    for (const key of keys) expect(idempotencyKey.safeParse(key).success).toBe(true);
    expect(new Set(keys).size).toBe(keys.length);
  });
});
