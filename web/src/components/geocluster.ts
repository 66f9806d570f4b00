// Screen-space helpers of the world map (pure, so unit-tested without a browser): greedy
// clustering of markers that would overlap at the current zoom, and label placement that
// hides a label rather than let it collide with another label or a marker.

export interface XY {
  x: number;
  y: number;
}

export interface Group<T extends XY> {
  /** Where the group is drawn: its first (highest-priority) member's position. */
  x: number;
  y: number;
  members: T[];
}

/**
 * Greedy clustering: items come in priority order; each joins the first group whose seed lies
 * within `radius`, else it seeds a new group. Seeds are therefore at least `radius` apart, so
 * markers drawn at the seeds with a radius under radius/2 never overlap.
 */
export function greedyCluster<T extends XY>(items: T[], radius: number): Group<T>[] {
  const groups: Group<T>[] = [];
  const r2 = radius * radius;
  for (const it of items) {
    let home: Group<T> | undefined;
    for (const g of groups) {
      const dx = g.x - it.x;
      const dy = g.y - it.y;
      if (dx * dx + dy * dy < r2) {
        home = g;
        break;
      }
    }
    if (home) home.members.push(it);
    else groups.push({ x: it.x, y: it.y, members: [it] });
  }
  return groups;
}

/**
 * Points spread evenly on a ring around a centre, far enough apart that markers of
 * `spacing` pixels do not touch (a "spider" for institutions that share one position).
 */
export function ring(n: number, cx: number, cy: number, spacing: number): XY[] {
  if (n <= 1) return [{ x: cx, y: cy }];
  // Neighbours on the ring are a chord 2·rad·sin(π/n) apart.
  const rad = Math.max(spacing * 0.9, spacing / (2 * Math.sin(Math.PI / n)));
  return Array.from({ length: n }, (_, i) => {
    const a = -Math.PI / 2 + (2 * Math.PI * i) / n;
    return { x: cx + rad * Math.cos(a), y: cy + rad * Math.sin(a) };
  });
}

export interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
}

export function intersects(a: Box, b: Box): boolean {
  return a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
}

function hitsCircle(b: Box, c: XY & { r: number }): boolean {
  const nx = Math.max(b.x, Math.min(c.x, b.x + b.w));
  const ny = Math.max(b.y, Math.min(c.y, b.y + b.h));
  return (nx - c.x) ** 2 + (ny - c.y) ** 2 < c.r * c.r;
}

export interface LabelRequest extends XY {
  /** The marker's radius: the label sits beside it. */
  r: number;
  /** The label's measured width and height. */
  w: number;
  h: number;
}

export interface PlacedLabel extends Box {
  /** Where the text's anchor goes (SVG text-anchor and the x/y of the baseline's middle). */
  anchor: "start" | "end" | "middle";
  tx: number;
  ty: number;
}

/**
 * Places labels in priority order: right of the marker, else left, above, below; a label that
 * would cross an earlier label, another marker or the edge of the view is hidden (null).
 * markers[i] is request i's own marker (it may touch that one); markers may be longer.
 */
export function placeLabels(reqs: LabelRequest[], markers: (XY & { r: number })[], width: number, height: number, gap = 4): (PlacedLabel | null)[] {
  const placed: Box[] = [];
  return reqs.map((q, i) => {
    const mid = q.y - q.h / 2;
    const candidates: PlacedLabel[] = [
      { x: q.x + q.r + gap, y: mid, w: q.w, h: q.h, anchor: "start", tx: q.x + q.r + gap, ty: q.y },
      { x: q.x - q.r - gap - q.w, y: mid, w: q.w, h: q.h, anchor: "end", tx: q.x - q.r - gap, ty: q.y },
      { x: q.x - q.w / 2, y: q.y - q.r - gap - q.h, w: q.w, h: q.h, anchor: "middle", tx: q.x, ty: q.y - q.r - gap - q.h / 2 },
      { x: q.x - q.w / 2, y: q.y + q.r + gap, w: q.w, h: q.h, anchor: "middle", tx: q.x, ty: q.y + q.r + gap + q.h / 2 },
    ];
    for (const c of candidates) {
      if (c.x < 1 || c.y < 1 || c.x + c.w > width - 1 || c.y + c.h > height - 1) continue;
      if (placed.some((b) => intersects(b, c))) continue;
      if (markers.some((m, j) => j !== i && hitsCircle(c, m))) continue;
      placed.push(c);
      return c;
    }
    return null;
  });
}
