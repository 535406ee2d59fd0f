import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { Locale } from '../../src/common/locale';
import type { TestApp } from '../support/test-app';
import { artifactPath } from './browser';

const AXE = join(__dirname, '..', '..', 'node_modules', 'axe-core', 'axe.min.js');
const AXE_PATH = '/__test-only/axe.min.js';

/** Starts the test app's HTTP server on a free port; the portal's base URL. */
export async function listen(t: TestApp): Promise<string> {
  await t.app.listen(0, '127.0.0.1');
  return `http://127.0.0.1:${(t.app.getHttpServer().address() as AddressInfo).port}`;
}

/**
 * A browser context as a customer's browser in `locale` (Accept-Language), phone-sized when
 * asked. Every request to another host is refused and recorded (the portal is self-hosted),
 * and so is every console error.
 */
export async function customerContext(
  browser: Browser,
  base: string,
  locale: Locale,
  options: { phone?: boolean } = {},
): Promise<{
  context: BrowserContext;
  page: Page;
  outsideRequests: string[];
  consoleErrors: string[];
}> {
  const context = await browser.newContext({
    locale,
    viewport: options.phone ? { width: 375, height: 740 } : { width: 1280, height: 900 },
    extraHTTPHeaders: { 'Accept-Language': locale === 'en' ? 'en-US,en;q=0.9' : 'zh-CN,zh;q=0.9' },
  });
  const outsideRequests: string[] = [];
  const origin = new URL(base).origin;
  await context.route('**/*', (route) => {
    const url = route.request().url();
    if (new URL(url).pathname === AXE_PATH)
      return route.fulfill({ path: AXE, contentType: 'text/javascript' });
    if (url.startsWith(origin) || url.startsWith('data:')) return route.continue();
    outsideRequests.push(url);
    return route.abort();
  });
  context.setDefaultTimeout(60_000);
  const page = await context.newPage();
  const consoleErrors: string[] = [];
  page.on('console', (message) => {
    // A refused form answers 4xx on purpose; the browser logs that as a failed load.
    const expected = /^Failed to load resource: the server responded with a status of 4\d\d/;
    if (message.type() === 'error' && !expected.test(message.text()))
      consoleErrors.push(message.text());
  });
  return { context, page, outsideRequests, consoleErrors };
}

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
}

/**
 * Saves a full-page screenshot as test-artifacts/portal-<name>.png and runs axe-core in the
 * page: the serious and critical violations (expect none).
 */
export async function checkPage(page: Page, name: string): Promise<AxeViolation[]> {
  await page.screenshot({ path: artifactPath(`portal-${name}.png`), fullPage: true });
  // Served as this site's own script: the portal's CSP (script-src 'self') stays in force.
  await page.addScriptTag({ url: new URL(AXE_PATH, page.url()).href });
  const violations = await page.evaluate<AxeViolation[]>(
    `axe.run().then((result) => result.violations.map((v) => ({
      id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => ({ target: n.target })),
    })))`,
  );
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

/** Signs in through the sign-in form and waits for the page it leads to. */
export async function signInInBrowser(
  page: Page,
  base: string,
  email: string,
  password: string,
  next?: string,
): Promise<void> {
  await page.goto(`${base}/login${next ? `?next=${encodeURIComponent(next)}` : ''}`);
  await page.fill('#field-email', email);
  await page.fill('#field-password', password);
  await Promise.all([
    page.waitForURL((url) => url.pathname !== '/login'),
    page.click('main button[type=submit]'),
  ]);
}
