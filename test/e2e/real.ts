/**
 * What every browser test file starts with: the real server as its own process (started
 * as `npm start` does) and Debian's Chromium, made once before the file's tests and
 * closed after them — with every browser context the tests opened through it.
 */
import type { Browser, BrowserContext, BrowserContextOptions } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { browserAvailable, launch } from './browser.ts';
import { type ServerProcess, startServerProcess } from './server.ts';

/** The file's server and browser (usable inside tests, once `available`). */
export interface RealWorld {
  /** Whether Chromium is here (outside CI a missing one skips the tests, loudly). */
  readonly available: boolean;
  readonly server: ServerProcess;
  readonly browser: Browser;
  /** A new browser context (its own storage: another person's browser), closed after the file. */
  newContext(options?: BrowserContextOptions): Promise<BrowserContext>;
}

/** Registers the file's beforeAll/afterAll and returns the server and browser they make. */
export function realServerAndBrowser(): RealWorld {
  const available = browserAvailable();
  let server: ServerProcess | undefined;
  let browser: Browser | undefined;
  const contexts: BrowserContext[] = [];
  beforeAll(async () => {
    if (!available) return;
    server = await startServerProcess();
    browser = await launch();
  }, 120_000);
  afterAll(async () => {
    for (const context of contexts) await context.close().catch(() => undefined);
    await browser?.close();
    await server?.stop();
  });
  return {
    available,
    get server() {
      if (!server) throw new Error('the server is not started (is Chromium missing?)');
      return server;
    },
    get browser() {
      if (!browser) throw new Error('the browser is not launched (is Chromium missing?)');
      return browser;
    },
    async newContext(options) {
      const context = await this.browser.newContext(options);
      contexts.push(context);
      return context;
    },
  };
}
