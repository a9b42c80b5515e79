import { z } from "zod";
import { textField } from "@/lib/text-field";
import { isCalendarDay } from "@/lib/period";

/** The observatory's filters, as they travel in the page's and the CSV links' query string. */
export interface ObservatoireFilters {
  /** First day of the period (yyyy-mm-dd, Paris time), included. */
  from?: string;
  /** Last day of the period (yyyy-mm-dd, Paris time), included. */
  to?: string;
  /** A ministry of attachment, as administrations.ministry spells it. */
  ministry?: string;
}

const isoDay = textField()
  .regex(/^\d{4}-\d{2}-\d{2}$/)
  .refine(isCalendarDay)
  .optional()
  .catch(undefined);

const searchParamsSchema = z.object({
  du: isoDay,
  au: isoDay,
  ministere: textField().trim().max(200).optional().catch(undefined),
});

type RawSearchParams = Record<string, string | string[] | undefined> | URLSearchParams;

/** Reads `?du=2025-01-01&au=2025-06-30&ministere=…`; anything invalid is ignored rather than refused. */
export function parseObservatoireFilters(raw: RawSearchParams): ObservatoireFilters {
  const pick = (key: string) => {
    const value = raw instanceof URLSearchParams ? raw.get(key) : raw[key];
    const first = Array.isArray(value) ? value[0] : value;
    return first === null || first === "" ? undefined : first;
  };
  const parsed = searchParamsSchema.parse({ du: pick("du"), au: pick("au"), ministere: pick("ministere") });
  return { from: parsed.du, to: parsed.au, ministry: parsed.ministere || undefined };
}

/** The same filters as a query string, for links (CSV downloads) that must show the same figures. */
export function filtersToSearchParams(filters: ObservatoireFilters): URLSearchParams {
  const params = new URLSearchParams();
  if (filters.from) params.set("du", filters.from);
  if (filters.to) params.set("au", filters.to);
  if (filters.ministry) params.set("ministere", filters.ministry);
  return params;
}
