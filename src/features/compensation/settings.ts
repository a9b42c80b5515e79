import "server-only";
import { z } from "zod";

const emptyToUndefined = (value: unknown) => (value === "" ? undefined : value);

/** The ledger's own setting, documented in .env.example: credits earned per confirmed hour. */
const ledgerSettingsSchema = z.object({
  LEDGER_CREDITS_PER_HOUR: z.preprocess(
    emptyToUndefined,
    z.coerce.number().positive("doit être un nombre positif de crédits par heure").max(10_000).default(1),
  ),
});

let cached: number | undefined;

export function creditsPerHour(): number {
  if (cached === undefined) {
    const parsed = ledgerSettingsSchema.safeParse(process.env);
    if (!parsed.success) {
      const problems = parsed.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`);
      throw new Error(`Configuration invalide (voir .env.example) :\n- ${problems.join("\n- ")}`);
    }
    cached = parsed.data.LEDGER_CREDITS_PER_HOUR;
  }
  return cached;
}
