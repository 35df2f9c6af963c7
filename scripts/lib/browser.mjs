// Debian Chromium driven by playwright-core: opens a code-server workbench and
// exposes the two hooks the workbench calls when a test run is in progress
// (enable-smoke-test-driver): codeAutomationExit(code) and codeAutomationLog(type, args).
import { chromium } from 'playwright-core';

export const chromiumPath = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

export async function launchBrowser() {
  return chromium.launch({
    executablePath: chromiumPath,
    headless: true,
    // This process installs its own signal handlers and cleans up itself.
    handleSIGINT: false,
    handleSIGTERM: false,
    handleSIGHUP: false,
    args: [
      '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking',
      '--disable-component-update', '--no-first-run', '--disable-sync', '--disable-quic',
    ],
  });
}

/**
 * Opens url in a new page.
 * @param {import('playwright-core').Browser} browser
 * @param {{ onExit?: (code: number) => void, onLog?: (line: string) => void, viewport?: {width: number, height: number} }} hooks
 */
export async function openWorkbench(browser, url, { onExit, onLog = () => {}, viewport = { width: 1280, height: 800 } } = {}) {
  const context = await browser.newContext({ viewport });
  const page = await context.newPage();
  if (onExit) await page.exposeFunction('codeAutomationExit', (code) => onExit(Number(code)));
  await page.exposeFunction('codeAutomationLog', (type, args) => {
    onLog(`[${type}] ${(Array.isArray(args) ? args : [args]).map((a) => (typeof a === 'string' ? a : JSON.stringify(a))).join(' ')}`);
  });
  page.on('console', (m) => onLog(`[console.${m.type()}] ${m.text()}`));
  page.on('pageerror', (e) => onLog(`[pageerror] ${e.stack || e.message}`));
  page.on('crash', () => onLog('[crash] the workbench page crashed'));
  await page.goto(url, { waitUntil: 'domcontentloaded' });
  return page;
}

/** Waits until the workbench has rendered its main parts. */
export async function workbenchReady(page, timeoutMs = 60_000) {
  await page.waitForSelector('.monaco-workbench .part.editor', { timeout: timeoutMs });
}
