import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { Browser, chromium } from 'playwright-core';

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
