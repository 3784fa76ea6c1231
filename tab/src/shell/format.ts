// Dates and times in the reader's own locale and time zone.

const dateTime = new Intl.DateTimeFormat(undefined, {
  weekday: "short",
  day: "numeric",
  month: "short",
  year: "numeric",
  hour: "2-digit",
  minute: "2-digit",
});
const dateOnly = new Intl.DateTimeFormat(undefined, { day: "numeric", month: "short", year: "numeric" });
const timeOnly = new Intl.DateTimeFormat(undefined, { hour: "2-digit", minute: "2-digit" });

/** "Tue, 8 Dec 2026, 10:00" for an ISO timestamp. */
export function formatDateTime(iso: string): string {
  return dateTime.format(new Date(iso));
}

/** "10:00" for an ISO timestamp. */
export function formatTime(iso: string): string {
  return timeOnly.format(new Date(iso));
}

/** "8 Dec 2026" for a YYYY-MM-DD day (read as that calendar day, not as UTC midnight). */
export function formatDay(day: string): string {
  const [year, month, date] = day.split("-").map(Number);
  return dateOnly.format(new Date(year ?? 1970, (month ?? 1) - 1, date ?? 1));
}
