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

/** The parts of a map edge a partnership CSV row needs (lib/types' MapEdge fits). */
export interface EdgeEvidence {
  source: string;
  target: string;
  type: string;
  details?: {
    id: string; name: string; kind: string; status: string; start?: string; end?: string;
    parties: { id: string; name: string }[];
    sources: { id: string; url: string; title: string }[];
  }[];
}

/** Header and rows of the partnerships CSV: one row per partnership of each link, with its
 * name, status, dates, parties and its sources' titles and URLs ("; " between several). */
export function partnershipRows(edges: EdgeEvidence[], nameOf: (id: string) => string | undefined): { header: string[]; rows: Cell[][] } {
  const header = ["source_id", "source", "target_id", "target", "type", "partnership_id", "name", "status", "start", "end",
    "parties", "source_titles", "source_urls"];
  const rows: Cell[][] = [];
  for (const e of edges) {
    for (const p of e.details ?? []) {
      rows.push([e.source, nameOf(e.source), e.target, nameOf(e.target), e.type, p.id, p.name, p.status, p.start, p.end,
        p.parties.map((x) => x.name).join("; "), p.sources.map((s) => s.title).join("; "), p.sources.map((s) => s.url).join("; ")]);
    }
  }
  return { header, rows };
}
