/**
 * One Amtsweg app (fresh SQLite) and one Chromium for a browser test file: call inside a
 * `describe`; it registers the `before`/`after` hooks and opens German-language pages on the app.
 */
import { after, before } from 'node:test';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { startTestApp, type TestApp } from './app.ts';
import { launchBrowser } from './browser.ts';
import { DIALECTS } from './databases.ts';
import { freePort } from './listening-app.ts';

export interface BrowserApp {
  readonly testApp: TestApp;
  /** A new page in its own browser context, with JavaScript on or off. */
  newPage(javaScriptEnabled: boolean): Promise<Page>;
}

export interface BrowserAppOptions {
  /** More environment for the app, read when it starts (after earlier `before` hooks ran). */
  env?: () => Record<string, string>;
}

/**
 * With `options`, the app listens on a port chosen first and knows it as its base URL (the built-in
 * test IdP's issuer and the login callbacks must be the address the browser uses).
 */
export function useBrowserApp(options?: BrowserAppOptions): BrowserApp {
  let testApp: TestApp | undefined;
  let browser: Browser | undefined;
  let baseUrl = '';
  const contexts: BrowserContext[] = [];

  before(async () => {
    const sqlite = DIALECTS.find((d) => d.name === 'sqlite')!;
    const env = options?.env?.();
    const port = options ? await freePort() : 0;
    const appOptions = options ? { ...(env ? { env } : {}), baseUrl: `http://127.0.0.1:${port}` } : {};
    const [started, launched] = await Promise.all([startTestApp(sqlite, appOptions), launchBrowser()]);
    testApp = started;
    browser = launched;
    baseUrl = await started.app.server.listen({ port, host: '127.0.0.1' });
  });

  after(async () => {
    for (const context of contexts) await context.close().catch(() => {});
    await browser?.close();
    await testApp?.close();
  });

  return {
    get testApp() {
      if (!testApp) throw new Error('the app starts in before()');
      return testApp;
    },
    async newPage(javaScriptEnabled) {
      if (!browser) throw new Error('the browser starts in before()');
      const context = await browser.newContext({ javaScriptEnabled, baseURL: baseUrl, locale: 'de-DE' });
      contexts.push(context);
      const page = await context.newPage();
      page.setDefaultTimeout(10_000);
      return page;
    },
  };
}
