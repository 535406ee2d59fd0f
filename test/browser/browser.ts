import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { Browser, chromium, Page } from 'playwright-core';
import { totpCode } from '../../src/auth/staff/totp';

/** Debian's Chromium, installed by scripts/ensure-chromium.sh (npm's pretest); never downloaded. */
export const CHROMIUM = '/usr/bin/chromium';

export const ARTIFACTS_DIR = join(__dirname, '..', '..', 'test-artifacts');

/** One headless browser per test file: start it in beforeAll, close it in afterAll. */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

export function artifactPath(name: string): string {
  mkdirSync(ARTIFACTS_DIR, { recursive: true });
  return join(ARTIFACTS_DIR, name);
}

/**
 * Signs a staff member in to the back office in the page: password, then, when the back office
 * asks (two-factor sign-in), the current TOTP code for `totpSecret`. Ends on the dashboard.
 */
export async function signInToBackOffice(
  page: Page,
  base: string,
  email: string,
  password: string,
  totpSecret?: string,
): Promise<void> {
  await page.goto(`${base}/admin/login`);
  await page.fill('input[name=email]', email);
  await page.fill('input[name=password]', password);
  await Promise.all([
    page.waitForURL(
      (url) => url.pathname === '/admin' || url.pathname === '/admin/login/two-factor',
    ),
    page.click('form button'),
  ]);
  if (new URL(page.url()).pathname === '/admin') return;
  if (!totpSecret)
    throw new Error(`The back office asks ${email} for a code; no TOTP secret given`);
  await page.fill('input[name=code]', totpCode(totpSecret, Math.floor(Date.now() / 1000)));
  await Promise.all([page.waitForURL(`${base}/admin`), page.click('form button')]);
}
