import { describe, expect, it } from "vitest";
import { describePeriod, isCalendarDay, periodSearchParams, readPeriod } from "./period";

describe("jours et périodes des filtres", () => {
  it("n'accepte que des jours du calendrier", () => {
    expect(isCalendarDay("2024-02-29")).toBe(true);
    expect(isCalendarDay("2025-02-29")).toBe(false);
    expect(isCalendarDay("2025-2-1")).toBe(false);
  });

  it("ignore un jour invalide et refuse, en français, une période à l'envers", () => {
    expect(readPeriod({ du: "2025-02-30", au: "2025-03-01" })).toEqual({ period: { du: undefined, au: "2025-03-01" } });
    expect(readPeriod(new URLSearchParams("du=2025-03-01&au=2025-02-01"))).toEqual({
      period: {},
      error: "La date de fin précède la date de début : la période n'est pas appliquée.",
    });
  });

  it("décrit et transmet la période", () => {
    expect(describePeriod({ du: "2025-02-01", au: "2025-02-28" })).toBe("du 1er février 2025 au 28 février 2025");
    expect(describePeriod({ au: "2025-02-28" })).toBe("jusqu’au 28 février 2025");
    expect(describePeriod({})).toBe("depuis le début");
    expect(periodSearchParams({ du: "2025-02-01" }, { page: 2 })).toBe("du=2025-02-01&page=2");
  });
});
