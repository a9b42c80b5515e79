"use client";

import { useEffect, useRef, type ReactNode } from "react";

/**
 * More filters, open on a wide screen and folded on a phone (where nine fields would push the
 * results off the first screens). Open by default, so that it works before JavaScript loads;
 * folded after hydration only on a narrow screen with no such filter in use.
 */
export function FiltersDisclosure({ summary, active, children }: { summary: string; active: number; children: ReactNode }) {
  const ref = useRef<HTMLDetailsElement>(null);
  useEffect(() => {
    if (active === 0 && window.matchMedia("(max-width: 47.99em)").matches && ref.current) ref.current.open = false;
  }, [active]);
  return (
    <details ref={ref} open className="fr-mb-2w">
      <summary className="fr-link fr-mb-2w">
        {summary}
        {active ? ` (${active} en cours)` : ""}
      </summary>
      {children}
    </details>
  );
}
