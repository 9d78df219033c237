/**
 * CSV / XLSX formula injection (OWASP "CSV Injection"): a cell that starts with = + - @, a tab or a carriage return
 * is read by Excel, WPS and LibreOffice as a formula — `=HYPERLINK(…)` or `+SUM(1+1)*cmd|' /C calc'!A0` in a firm's
 * name would run when a colleague opens the export (issue 14). Such text cells get a leading apostrophe, which
 * spreadsheets show as text and never evaluate.
 *
 * Numbers are not formulas: a number stays a number (JavaScript numbers untouched, and text that is a plain
 * decimal literal such as PostgreSQL's numeric "-0.05000000" left as it is), so negative 下浮率 still sort and sum.
 */
const FORMULA_START = /^[=+\-@\t\r]/;
const DECIMAL = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;

export function safeCell<T>(value: T): T | string {
  if (typeof value !== 'string' || !FORMULA_START.test(value) || DECIMAL.test(value)) return value;
  return `'${value}`;
}

/** A row of cells, each made safe. */
export function safeRow<T>(row: readonly T[]): (T | string)[] {
  return row.map(safeCell);
}
