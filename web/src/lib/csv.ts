// CSV as RFC 4180 writes it: a header row, fields quoted when they hold a comma, a quote or a
// line break, and a byte-order mark so spreadsheet programs read UTF-8 (Chinese names) right.

export type Cell = string | number | boolean | null | undefined;

export function csvField(v: Cell): string {
  if (v === null || v === undefined) return "";
  const s = String(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function toCSV(header: string[], rows: Cell[][]): string {
  const lines = [header, ...rows].map((r) => r.map(csvField).join(","));
  return "\ufeff" + lines.join("\r\n") + "\r\n";
}
