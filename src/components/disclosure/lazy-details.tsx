"use client";

import { useEffect, useRef, useState, type ReactNode } from "react";

/**
 * A `<details>` whose content is rendered only once it is opened, then kept (what was typed stays
 * when it is closed again). For per-row forms of a long list: the page no longer renders and sends
 * every row's form, only the one the person opens. The content needs JavaScript anyway (the forms
 * call server actions); opened before hydration, it is shown as soon as the page is hydrated.
 */
export function LazyDetails({ summary, className, children }: { summary: ReactNode; className?: string; children: ReactNode }) {
  const ref = useRef<HTMLDetailsElement>(null);
  const [opened, setOpened] = useState(false);
  useEffect(() => {
    if (ref.current?.open) setOpened(true);
  }, []);
  return (
    <details ref={ref} className={className} onToggle={(event) => (event.currentTarget.open ? setOpened(true) : undefined)}>
      <summary>{summary}</summary>
      {opened ? children : null}
    </details>
  );
}
