import Link from "next/link";

/** DSFR pagination as plain links, so that every page of a list has its own shareable URL. */
export function PaginationLinks({ page, pageCount, hrefFor }: { page: number; pageCount: number; hrefFor: (page: number) => string }) {
  if (pageCount <= 1) return null;
  const pages = visiblePages(page, pageCount);
  const edge = (target: number, className: string, label: string, enabled: boolean) =>
    enabled ? (
      <Link className={`fr-pagination__link ${className}`} href={hrefFor(target)}>
        {label}
      </Link>
    ) : (
      <a className={`fr-pagination__link ${className}`} aria-disabled="true" role="link">
        {label}
      </a>
    );
  return (
    <nav role="navigation" className="fr-pagination fr-mt-4w" aria-label="Pagination">
      <ul className="fr-pagination__list">
        <li>{edge(1, "fr-pagination__link--first", "Première page", page > 1)}</li>
        <li>{edge(page - 1, "fr-pagination__link--prev fr-pagination__link--lg-label", "Page précédente", page > 1)}</li>
        {pages.map((target, index) =>
          target === null ? (
            <li key={`ellipsis-${index}`}>
              <span className="fr-pagination__link fr-displayed-lg">…</span>
            </li>
          ) : (
            <li key={target}>
              <Link
                className="fr-pagination__link"
                href={hrefFor(target)}
                title={`Page ${target}`}
                aria-current={target === page ? "page" : undefined}
              >
                {target}
              </Link>
            </li>
          ),
        )}
        <li>{edge(page + 1, "fr-pagination__link--next fr-pagination__link--lg-label", "Page suivante", page < pageCount)}</li>
        <li>{edge(pageCount, "fr-pagination__link--last", "Dernière page", page < pageCount)}</li>
      </ul>
    </nav>
  );
}

/** First, last and the pages around the current one; null marks a gap. */
function visiblePages(page: number, pageCount: number): (number | null)[] {
  const shown = new Set([1, pageCount, page - 1, page, page + 1].filter((n) => n >= 1 && n <= pageCount));
  const sorted = [...shown].sort((a, b) => a - b);
  const result: (number | null)[] = [];
  sorted.forEach((n, index) => {
    if (index > 0 && n - sorted[index - 1]! > 1) result.push(null);
    result.push(n);
  });
  return result;
}
