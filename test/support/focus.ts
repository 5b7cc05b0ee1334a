/**
 * Browser tests of keyboard use: what has focus, where it is drawn, and whether its focus
 * indicator can be seen (at least 2 px thick, contrast at least 3:1 against what is behind it,
 * WCAG 2.4.7 and the thresholds of 2.4.11/1.4.11), computed from the element's computed styles.
 */
import type { Page } from 'playwright-core';

export interface FocusIndicator {
  /** Thickest outline or box-shadow drawn for focus, in CSS pixels. */
  width: number;
  /** Its colour against the background behind the element. */
  contrast: number;
  /** What was measured, for a readable failure. */
  detail: string;
}

export interface FocusStop {
  tag: string;
  type: string;
  name: string;
  id: string;
  /** The control's own label (a label element, aria-label or its text), whitespace collapsed. */
  label: string;
  /** The legend of the fieldset around it, if any. */
  legend: string;
  checked: boolean;
  value: string;
  /** The bounding box in the document (not the viewport: focus scrolls the page). */
  box: { x: number; y: number; width: number; height: number };
  indicator: FocusIndicator | null;
}

// Runs in the page (a string: the test tsconfig has no DOM types). Finds the focused element and
// measures the strongest focus indicator among its outline, its box-shadows and those of its
// ::before/::after (KERN draws stretched links' focus on ::after).
const FOCUS_STOP = `(() => {
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  const collapse = (s) => (s || '').replace(/\\s+/g, ' ').trim();
  // Any CSS colour (KERN's are oklch) as sRGB, the way the browser paints it: through a canvas.
  if (!window.__awColourContext) {
    const canvas = document.createElement('canvas');
    canvas.width = canvas.height = 1;
    window.__awColourContext = canvas.getContext('2d', { willReadFrequently: true });
  }
  const ctx = window.__awColourContext;
  const parse = (c) => {
    if (!c || c === 'transparent') return null;
    ctx.clearRect(0, 0, 1, 1);
    ctx.fillStyle = '#000';
    ctx.fillStyle = c;
    ctx.fillRect(0, 0, 1, 1);
    const [r, g, b, a] = ctx.getImageData(0, 0, 1, 1).data;
    return { r, g, b, a: a / 255 };
  };
  // A box-shadow's colour: its first colour function or keyword-free hex.
  const colourIn = (shadow) => {
    const m = /(?:rgba?|oklch|oklab|lab|lch|hsla?|color)\\([^)]*\\)|#[0-9a-f]{3,8}/i.exec(shadow);
    return m ? parse(m[0]) : null;
  };
  const over = (top, bottom) => ({
    r: top.r * top.a + bottom.r * (1 - top.a),
    g: top.g * top.a + bottom.g * (1 - top.a),
    b: top.b * top.a + bottom.b * (1 - top.a),
    a: 1,
  });
  // The background actually painted behind an element: its ancestors' backgrounds blended.
  const behind = (start) => {
    const layers = [];
    for (let n = start; n; n = n.parentElement) {
      const c = parse(getComputedStyle(n).backgroundColor);
      if (c && c.a > 0) { layers.push(c); if (c.a >= 1) break; }
    }
    let colour = { r: 255, g: 255, b: 255, a: 1 };
    for (const layer of layers.reverse()) colour = over(layer, colour);
    return colour;
  };
  const lum = (c) => {
    const f = (v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); };
    return 0.2126 * f(c.r) + 0.7152 * f(c.g) + 0.0722 * f(c.b);
  };
  const contrast = (a, b) => { const [x, y] = [lum(a), lum(b)].sort((p, q) => q - p); return (x + 0.05) / (y + 0.05); };
  const candidates = [];
  for (const pseudo of [null, '::before', '::after']) {
    const cs = getComputedStyle(el, pseudo);
    if (pseudo && (cs.content === 'none' || cs.content === 'normal')) continue;
    const width = parseFloat(cs.outlineWidth) || 0;
    const offset = parseFloat(cs.outlineOffset) || 0;
    if (cs.outlineStyle !== 'none' && width > 0) {
      // Drawn outside the element it lies on the parent's background; inside, on its own.
      const bg = offset + width > 0 ? behind(el.parentElement) : behind(el);
      const colour = parse(cs.outlineColor);
      if (colour) candidates.push({ width, colour: over(colour, bg), bg, what: (pseudo || '') + 'outline ' + cs.outlineStyle + ' ' + cs.outlineColor + ' offset ' + offset });
    }
    if (cs.boxShadow && cs.boxShadow !== 'none') {
      for (const shadow of cs.boxShadow.split(/,(?![^(]*\\))/)) {
        const colour = colourIn(shadow);
        const lengths = shadow.replace(/[a-z]+\\([^)]*\\)/gi, '').match(/-?[\\d.]+px/g) || [];
        const spread = lengths.length >= 4 ? parseFloat(lengths[3]) : 0;
        const inset = /inset/.test(shadow);
        if (!colour || spread <= 0) continue;
        const bg = inset ? behind(el) : behind(el.parentElement);
        candidates.push({ width: spread, colour: over(colour, bg), bg, what: (pseudo || '') + 'box-shadow ' + shadow });
      }
    }
  }
  let indicator = null;
  for (const c of candidates) {
    const ratio = contrast(c.colour, c.bg);
    const score = { width: c.width, contrast: Math.round(ratio * 100) / 100, detail: c.what + ' on rgb(' + [c.bg.r, c.bg.g, c.bg.b].map(Math.round).join(',') + ')' };
    const good = (s) => s.width >= 2 && s.contrast >= 3;
    if (!indicator || (good(score) && !good(indicator)) || (good(score) === good(indicator) && score.contrast * score.width > indicator.contrast * indicator.width)) indicator = score;
  }
  const labelOf = () => {
    if (el.labels && el.labels.length) {
      const copy = el.labels[0].cloneNode(true);
      for (const x of copy.querySelectorAll('.kern-label__optional')) x.remove();
      return collapse(copy.textContent);
    }
    return collapse(el.getAttribute('aria-label') || el.textContent);
  };
  const fieldset = el.closest('fieldset');
  const legend = fieldset ? fieldset.querySelector('legend') : null;
  const r = el.getBoundingClientRect();
  return {
    tag: el.tagName.toLowerCase(),
    type: el.getAttribute('type') || '',
    name: el.getAttribute('name') || '',
    id: el.id,
    label: labelOf(),
    legend: legend ? collapse(legend.textContent).replace(/ \\(optional\\)$/, '') : '',
    checked: !!el.checked,
    value: 'value' in el ? String(el.value) : '',
    box: { x: r.x + scrollX, y: r.y + scrollY, width: r.width, height: r.height },
    indicator,
  };
})()`;

/** The focused element and its focus indicator; null when nothing (the body) has focus. */
export async function focusStop(page: Page): Promise<FocusStop | null> {
  return (await page.evaluate(FOCUS_STOP)) as FocusStop | null;
}

/** Why the focused element's indicator falls short, or undefined when it is good enough. */
export function indicatorProblem(stop: FocusStop): string | undefined {
  const where = `${stop.tag}${stop.id ? `#${stop.id}` : ''} "${stop.label.slice(0, 60)}"`;
  if (!stop.indicator) return `${where} has no focus indicator`;
  const { width, contrast, detail } = stop.indicator;
  if (width < 2 || contrast < 3)
    return `${where}: focus indicator ${width}px, contrast ${contrast}:1 (${detail})`;
  return undefined;
}
