// Exports of a drawn view: the SVG as a file, or the SVG rendered to a PNG.

import { download } from "./dom";

/** The SVG element as standalone text, with its size and the namespace set. */
export function svgText(svg: SVGSVGElement): string {
  const clone = svg.cloneNode(true) as SVGSVGElement;
  clone.setAttribute("xmlns", "http://www.w3.org/2000/svg");
  clone.setAttribute("xmlns:xlink", "http://www.w3.org/1999/xlink");
  const box = svg.viewBox.baseVal;
  if (!clone.getAttribute("width") && box) {
    clone.setAttribute("width", String(box.width));
    clone.setAttribute("height", String(box.height));
  }
  return '<?xml version="1.0" encoding="UTF-8"?>\n' + new XMLSerializer().serializeToString(clone);
}

export function downloadSVG(name: string, svg: string): void {
  download(name, new Blob([svg], { type: "image/svg+xml;charset=utf-8" }));
}

/** Renders SVG text to a PNG at scale times its size, on a white background. */
export async function svgToPNG(svg: string, width: number, height: number, scale = 2): Promise<Blob> {
  const url = URL.createObjectURL(new Blob([svg], { type: "image/svg+xml;charset=utf-8" }));
  try {
    const img = new Image();
    img.decoding = "async";
    await new Promise<void>((resolve, reject) => {
      img.onload = () => resolve();
      img.onerror = () => reject(new Error("the drawing could not be rendered to PNG"));
      img.src = url;
    });
    const canvas = document.createElement("canvas");
    canvas.width = Math.round(width * scale);
    canvas.height = Math.round(height * scale);
    const ctx = canvas.getContext("2d")!;
    ctx.fillStyle = "#ffffff";
    ctx.fillRect(0, 0, canvas.width, canvas.height);
    ctx.drawImage(img, 0, 0, canvas.width, canvas.height);
    return await new Promise<Blob>((resolve, reject) =>
      canvas.toBlob((b) => (b ? resolve(b) : reject(new Error("PNG encoding failed"))), "image/png"));
  } finally {
    URL.revokeObjectURL(url);
  }
}

export function escapeXML(s: string): string {
  return s.replace(/[<>&"']/g, (c) => ({ "<": "&lt;", ">": "&gt;", "&": "&amp;", '"': "&quot;", "'": "&apos;" })[c]!);
}

let measureCtx: CanvasRenderingContext2D | null = null;

/** The width of a text in a font, as the browser draws it (a generous guess without a canvas). */
export function measureText(text: string, font = "12px system-ui, sans-serif"): number {
  if (!measureCtx) measureCtx = document.createElement("canvas").getContext("2d");
  const size = Number(/(\d+(?:\.\d+)?)px/.exec(font)?.[1] ?? 12);
  if (!measureCtx) return text.length * size * 0.62;
  measureCtx.font = font;
  // A little slack: the exported file may be opened where the fallback font is wider.
  return measureCtx.measureText(text).width * 1.08 + 2;
}

/** What an exported picture says around the drawing. */
export interface PictureFrame {
  title: string;
  /** The active filters, in words; empty: none. */
  filters: string[];
  asOf: string;
  legend: { label: string; color: string; shape: "line" | "dot" }[];
  /** One line per source: its title and URL. */
  sources: string[];
}

const FONT = "system-ui, -apple-system, Segoe UI, Roboto, sans-serif";

/**
 * The drawing (standalone SVG text of width x height) framed with a title, the filters, the
 * as-of date, the legend and the sources. Every text is measured and the picture made as wide
 * as its longest line, so nothing is cut.
 */
export function framedSVG(inner: string, width: number, height: number, f: PictureFrame): { svg: string; width: number; height: number } {
  const pad = 20;
  const lines: { text: string; size: number; weight: number; y: number }[] = [];
  let y = pad;
  const line = (text: string, size: number, weight = 400) => {
    y += size + 6;
    lines.push({ text, size, weight, y });
  };
  line(f.title, 20, 700);
  line(f.filters.length ? `Filters: ${f.filters.join(" · ")}` : "Filters: none (all partnerships)", 13);
  line(`As of ${f.asOf}`, 13);
  const drawY = y + 12;
  y = drawY + height + 12;
  // The legend, wrapped into rows as wide as the picture.
  let W = Math.max(width + 2 * pad, ...lines.map((l) => measureText(l.text, `${l.weight} ${l.size}px ${FONT}`) + 2 * pad));
  const sourceLines = f.sources.length ? ["Sources", ...f.sources] : ["Sources: none recorded"];
  W = Math.max(W, ...sourceLines.map((s) => measureText(s, `12px ${FONT}`) + 2 * pad));
  const legend: string[] = [];
  let x = pad;
  y += 16;
  for (const e of f.legend) {
    const w = 26 + measureText(e.label, `12px ${FONT}`) + 14;
    if (x + w > W - pad && x > pad) {
      x = pad;
      y += 20;
    }
    legend.push(e.shape === "line"
      ? `<rect x="${x}" y="${y - 6}" width="18" height="4" rx="2" fill="${e.color}"/>`
      : `<circle cx="${x + 7}" cy="${y - 4}" r="6" fill="${e.color}"/>`);
    legend.push(`<text x="${x + 24}" y="${y}" font-family="${FONT}" font-size="12" fill="#334155">${escapeXML(e.label)}</text>`);
    x += w;
  }
  y += 14;
  for (const [i, s] of sourceLines.entries()) {
    y += 18;
    lines.push({ text: s, size: 12, weight: i === 0 && f.sources.length ? 700 : 400, y });
  }
  const H = Math.ceil(y + pad);
  W = Math.ceil(W);
  const texts = lines.map((l) => `<text x="${pad}" y="${l.y}" font-family="${FONT}" font-size="${l.size}" font-weight="${l.weight}" fill="#0f172a">${escapeXML(l.text)}</text>`);
  const body = inner.replace(/^<\?xml[^>]*>\s*/, "").replace(/^<svg\b/, `<svg x="${((W - width) / 2).toFixed(1)}" y="${drawY}"`);
  const svg = `<?xml version="1.0" encoding="UTF-8"?>\n<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}"><rect width="100%" height="100%" fill="#fff"/>${texts.join("")}${legend.join("")}${body}</svg>`;
  return { svg, width: W, height: H };
}
