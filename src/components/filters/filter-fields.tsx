import Link from "next/link";
import type { InputHTMLAttributes, ReactNode } from "react";

/**
 * Fields of the GET filter forms (catalogue, DINUM lists, observatory): DSFR markup, the value read
 * back from the URL, so a filtered view can be shared and works before JavaScript loads.
 */
interface FieldProps {
  id: string;
  label: ReactNode;
  hint?: ReactNode;
}

export function FilterInput({ id, label, hint, ...input }: FieldProps & Omit<InputHTMLAttributes<HTMLInputElement>, "id" | "className">) {
  return (
    <div className="fr-input-group">
      <label className="fr-label" htmlFor={id}>
        {label}
        {hint ? <span className="fr-hint-text">{hint}</span> : null}
      </label>
      <input className="fr-input" id={id} {...input} />
    </div>
  );
}

export interface FilterOption {
  value: string;
  label: string;
}

export function FilterSelect({
  id,
  label,
  hint,
  name,
  defaultValue,
  allLabel,
  options,
}: FieldProps & { name: string; defaultValue: string | undefined; allLabel: string; options: readonly FilterOption[] }) {
  return (
    <div className="fr-select-group">
      <label className="fr-label" htmlFor={id}>
        {label}
        {hint ? <span className="fr-hint-text">{hint}</span> : null}
      </label>
      <select className="fr-select" id={id} name={name} defaultValue={defaultValue ?? ""}>
        <option value="">{allLabel}</option>
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </div>
  );
}

/** Submit, and a link back to the unfiltered page. */
export function FilterActions({
  resetHref,
  submitLabel = "Filtrer",
  resetLabel = "Réinitialiser",
  groupClassName = "fr-btns-group fr-btns-group--inline",
  resetClassName = "fr-btn fr-btn--tertiary",
}: {
  resetHref: string;
  submitLabel?: string;
  resetLabel?: string;
  groupClassName?: string;
  resetClassName?: string;
}) {
  return (
    <ul className={groupClassName}>
      <li>
        <button type="submit" className="fr-btn">
          {submitLabel}
        </button>
      </li>
      <li>
        <Link className={resetClassName} href={resetHref}>
          {resetLabel}
        </Link>
      </li>
    </ul>
  );
}

/** Options from plain strings (ministries) or from a value → label record. */
export const optionsOf = (values: readonly string[], labels?: Record<string, string>): FilterOption[] =>
  values.map((value) => ({ value, label: labels?.[value] ?? value }));
