/**
 * Dates as whole days since 1970-01-01 (UTC) — plain integers, no Date objects and no time zone,
 * so output never depends on where or when the generator runs.
 */
export type Day = number;

/** Days since the epoch for a civil date (Howard Hinnant's days_from_civil). */
export function dayOf(y: number, m: number, d: number): Day {
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const mp = (m + 9) % 12;
  const doy = Math.floor((153 * mp + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

export function civil(day: Day): { y: number; m: number; d: number } {
  const z = day + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  return { y: era * 400 + yoe + (m <= 2 ? 1 : 0), m, d };
}

const isoCache = new Map<Day, string>();

/** YYYY-MM-DD (cached: the generator formats the same few thousand days millions of times). */
export function iso(day: Day): string {
  let s = isoCache.get(day);
  if (s === undefined) {
    const { y, m, d } = civil(day);
    s = `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
    isoCache.set(day, s);
  }
  return s;
}

/** YYYY-MM */
export function monthKey(day: Day): string {
  return iso(day).slice(0, 7);
}

export function yearOf(day: Day): number {
  return civil(day).y;
}

/** Monday–Friday. Public holidays are ignored (documented in README). */
export function isWorkday(day: Day): boolean {
  const dow = (((day + 4) % 7) + 7) % 7; // 1970-01-01 was a Thursday; 0 = Sunday
  return dow !== 0 && dow !== 6;
}

export function workdays(from: Day, to: Day): Day[] {
  const out: Day[] = [];
  for (let d = from; d <= to; d++) if (isWorkday(d)) out.push(d);
  return out;
}

export function nextWorkday(day: Day): Day {
  let d = day;
  while (!isWorkday(d)) d++;
  return d;
}
