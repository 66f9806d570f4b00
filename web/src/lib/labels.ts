// Human words and colours for the model's codes. The colours are chosen to stay apart for
// the colour-blind (Okabe-Ito and Tableau-like hues) and to pass contrast on white.

import { iso31661 } from "iso-3166";

export const ORG_KINDS = [
  "university", "school", "department", "lab", "institute", "research_center", "company", "society",
  "hospital", "foundation", "funder", "committee", "government", "other",
] as const;

export const PARTNERSHIP_KINDS = [
  "visit_exchange", "research_cooperation", "cooperation_agreement", "mou", "joint_lab", "expert_committee",
  "joint_grant", "co_authorship", "supplier", "other",
] as const;

const words: Record<string, string> = {
  research_center: "research centre",
  visit_exchange: "visit / exchange",
  research_cooperation: "research cooperation",
  cooperation_agreement: "cooperation agreement",
  mou: "memorandum of understanding",
  joint_lab: "joint lab",
  expert_committee: "expert committee",
  joint_grant: "joint grant",
  co_authorship: "co-authorship",
  AFFILIATED_WITH: "affiliated with",
  LEADS: "leads",
  MEMBER_OF: "member of",
  PART_OF: "part of",
  WORKS_ON: "works on",
  PARTY_TO: "party to",
  ABOUT: "about",
  PARTICIPATED_IN: "took part in",
  RESULTED_IN: "resulted in",
  AUTHORED: "authored",
  FOUNDED: "founded",
  STUDENT_OF: "student of",
  SUBTOPIC_OF: "subtopic of",
  works_on: "works on",
  party_to: "party to a partnership on",
  name: "name or alias matches",
};

/** A code in words: research_cooperation -> "research cooperation". */
export function word(code: string | undefined | null): string {
  if (!code) return "";
  return words[code] ?? code.replace(/_/g, " ").toLowerCase();
}

/** Capitalised word(). */
export function Word(code: string | undefined | null): string {
  const w = word(code);
  return w.charAt(0).toUpperCase() + w.slice(1);
}

export const KIND_COLORS: Record<string, string> = {
  person: "#2563eb",
  organization: "#0f766e",
  topic: "#b45309",
  event: "#7c3aed",
  partnership: "#be185d",
  publication: "#4b5563",
  source: "#64748b",
};

export function kindColor(kind: string): string {
  return KIND_COLORS[kind] ?? "#64748b";
}

export const PARTNERSHIP_COLORS: Record<string, string> = {
  visit_exchange: "#0072b2",
  research_cooperation: "#009e73",
  cooperation_agreement: "#d55e00",
  mou: "#cc79a7",
  joint_lab: "#e69f00",
  expert_committee: "#56b4e9",
  joint_grant: "#8c564b",
  co_authorship: "#7f7f7f",
  supplier: "#bcbd22",
  other: "#94a3b8",
};

export function partnershipColor(type: string): string {
  return PARTNERSHIP_COLORS[type] ?? "#94a3b8";
}

export const ORG_COLORS: Record<string, string> = {
  university: "#1d4ed8",
  school: "#3b82f6",
  department: "#60a5fa",
  lab: "#0891b2",
  institute: "#0f766e",
  research_center: "#14b8a6",
  company: "#c2410c",
  society: "#7c3aed",
  hospital: "#be123c",
  foundation: "#a16207",
  funder: "#ca8a04",
  committee: "#9333ea",
  government: "#334155",
  other: "#64748b",
};

export function orgColor(type: string): string {
  return ORG_COLORS[type] ?? "#64748b";
}

const countryNames = new Map(iso31661.map((c) => [c.alpha2, c.name]));
const countryNumeric = new Map(iso31661.map((c) => [c.alpha2, c.numeric]));

/** The countries of ISO 3166-1, sorted by name, for pickers. */
export const COUNTRIES: { code: string; name: string }[] = iso31661
  .map((c) => ({ code: c.alpha2, name: c.name }))
  .sort((a, b) => a.name.localeCompare(b.name));

export function countryName(code: string | undefined | null): string {
  if (!code) return "";
  return countryNames.get(code) ?? code;
}

/** The ISO numeric code, which world-atlas uses as feature ids. */
export function countryNumericCode(code: string): string | undefined {
  return countryNumeric.get(code);
}

/** A date of the precision the source gives ("2022", "2022-08", "2022-08-09") in words. */
export function fmtDate(d: string | undefined | null): string {
  if (!d) return "";
  const m = /^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?/.exec(d);
  if (!m) return d;
  const months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
  if (m[3]) return `${Number(m[3])} ${months[Number(m[2]) - 1]} ${m[1]}`;
  if (m[2]) return `${months[Number(m[2]) - 1]} ${m[1]}`;
  return m[1];
}

/** "2019 – 2022", "since 2019", "until 2022", "as of Aug 2022", or "". */
export function fmtSpan(since?: string, until?: string, asOf?: string): string {
  if (since && until) return `${fmtDate(since)} – ${fmtDate(until)}`;
  if (since) return `since ${fmtDate(since)}`;
  if (until) return `until ${fmtDate(until)}`;
  if (asOf) return `as of ${fmtDate(asOf)}`;
  return "";
}

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n.toLocaleString("en")} ${n === 1 ? one : many}`;
}
