/**
 * CSV for French spreadsheets: a UTF-8 byte order mark (Excel then reads accents correctly),
 * semicolons between fields, CRLF between lines, and decimal commas ("12,50"), since Excel and
 * LibreOffice in French read "12.50" as text. Amounts carry no thousands separator.
 */
const BOM = "\uFEFF";

export type CsvCell = string | number | null | undefined;

/** Amounts stored as "-12.50" become "-12,50". */
export function csvAmount(amount: string | number): string {
  const text = typeof amount === "number" ? amount.toFixed(2) : amount;
  return text.replace(".", ",");
}

const csvDateFormat = new Intl.DateTimeFormat("fr-FR", { dateStyle: "short", timeStyle: "short", timeZone: "Europe/Paris" });

export function csvDate(date: Date): string {
  return csvDateFormat.format(date).replace(",", "");
}

function csvText(value: CsvCell): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "number") return String(value).replace(".", ",");
  let text = value;
  // A text cell starting with a formula sign would run as a formula in a spreadsheet.
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[";\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** Numbers already formatted by csvAmount are passed as { amount } so that a leading minus stays a minus. */
export function toCsv(headers: string[], rows: Array<Array<CsvCell | { amount: string }>>): string {
  const lines = [headers.map(csvText).join(";")];
  for (const row of rows) {
    lines.push(row.map((cell) => (cell !== null && typeof cell === "object" ? csvAmount(cell.amount) : csvText(cell))).join(";"));
  }
  return `${BOM}${lines.join("\r\n")}\r\n`;
}
