/** Dates as the content file writes them: checked against the calendar, not only their shape. */

/** YYYY-MM-DD that names a day that exists (2026-02-31 does not). */
export function isRealDate(s: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  return mo >= 1 && mo <= 12 && d >= 1 && d <= new Date(Date.UTC(y, mo, 0)).getUTCDate();
}

/** YYYY-MM with a month from 01 to 12. */
export const isRealMonth = (s: string): boolean => /^\d{4}-(0[1-9]|1[0-2])$/.test(s);

/** A publication date: a day (YYYY-MM-DD) or, when the source gives no day, a month (YYYY-MM). */
export const isDayOrMonth = (s: string): boolean => isRealDate(s) || isRealMonth(s);
