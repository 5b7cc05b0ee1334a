/**
 * Browser tests: launches Debian's Chromium through playwright-core (no browser downloads) and
 * checks pages with axe-core against WCAG 2.1 A/AA (BITV 2.0).
 *
 *   const browser = await launchBrowser();
 *   const page = await (await browser.newContext({ javaScriptEnabled: false })).newPage();
 *   await checkA11y(page, 'catalog');
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { type Browser, chromium, type Page } from 'playwright-core';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

const require = createRequire(import.meta.url);
let axeSource: string | undefined;
const axe = () => {
  axeSource ??= readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
  return axeSource;
};

/** The WCAG levels BITV 2.0 requires. */
export const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] as const;

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  helpUrl: string;
  nodes: Array<{ target: string[]; html: string; failureSummary: string }>;
}

// Runs in the page. A string, because the test tsconfig has no DOM types. Chromium does not run
// timers in a page whose context has JavaScript disabled (only evaluations and microtasks run), and
// axe schedules its work with setTimeout; so while axe runs, setTimeout becomes a microtask and
// is restored afterwards. Only plain data crosses back.
const RUN_AXE = `(() => {
  const saved = { setTimeout: window.setTimeout, clearTimeout: window.clearTimeout };
  window.setTimeout = (fn, _ms, ...args) => { Promise.resolve().then(() => fn(...args)); return 0; };
  window.clearTimeout = () => {};
  const restore = () => Object.assign(window, saved);
  return axe
    .run(document, { runOnly: { type: 'tag', values: ${JSON.stringify(WCAG_TAGS)} }, resultTypes: ['violations'] })
    .then((r) => r.violations.map((v) => ({
      id: v.id, impact: v.impact ?? null, help: v.help, helpUrl: v.helpUrl,
      nodes: v.nodes.map((n) => ({ target: n.target.map(String), html: n.html, failureSummary: n.failureSummary ?? '' })),
    })))
    .finally(restore);
})()`;

const AXE_TIMEOUT_MS = 15_000;

/**
 * Runs axe on the page as it is now; works with JavaScript disabled in the page's context. axe is
 * evaluated rather than added as a <script> tag: a tag would neither run with JavaScript disabled
 * nor pass our Content-Security-Policy (script-src 'self'), while Playwright's evaluation does both.
 */
export async function axeViolations(page: Page): Promise<AxeViolation[]> {
  if (!(await page.evaluate('typeof window.axe === "object"'))) await page.evaluate(axe());
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`axe did not finish within ${AXE_TIMEOUT_MS} ms`)),
      AXE_TIMEOUT_MS,
    );
  });
  try {
    return (await Promise.race([page.evaluate(RUN_AXE), timeout])) as AxeViolation[];
  } finally {
    clearTimeout(timer);
  }
}

export function formatViolations(violations: AxeViolation[]): string {
  return violations
    .map((v) => {
      const nodes = v.nodes
        .map(
          (n) =>
            `    - ${n.target.join(' ')}\n      ${n.html.slice(0, 300)}\n      ${n.failureSummary.replace(/\n/g, '\n      ')}`,
        )
        .join('\n');
      return `  [${v.impact ?? 'n/a'}] ${v.id}: ${v.help} (${v.helpUrl})\n${nodes}`;
    })
    .join('\n');
}

/** Fails with a readable list of every WCAG 2.1 A/AA violation on the page. */
export async function checkA11y(page: Page, label: string): Promise<void> {
  const violations = await axeViolations(page);
  if (violations.length > 0) {
    throw new Error(
      `axe found ${violations.length} WCAG 2.1 AA violation(s) on "${label}" (${page.url()}):\n${formatViolations(violations)}`,
    );
  }
}

/**
 * Waits until the browser enhancement of a step page is ready: it first reads the definition the
 * form names (a cached resource), then marks the form. Typing or blurring before that would find
 * no listener yet.
 */
export async function waitForEnhancement(page: Page): Promise<void> {
  await page.locator('form[data-aw-enhanced]').waitFor({ state: 'attached' });
}
