// Harness side of the workbench request channel: tests inside the extension
// host ask the harness (which drives the browser) to look at or act on the
// real workbench UI. Test side: test/vscode/util.ts (`workbench`).
//
// Protocol, through a directory both sides see (env SVG_COPILOT_TEST_IPC):
//   the test writes  <id>.request.json   (written to a temp name, then renamed)
//   the harness writes <id>.response.json the same way, after acting
// Requests:
//   { kind: 'screenshot', name, selector? }  → { ok, path }   PNG of the page, or of the first element matching selector
//   { kind: 'texts', selector }              → { ok, texts }  innerText of every element matching selector (U+00A0 → space)
//   { kind: 'click', selector, text? }       → { ok }         clicks the first visible match (containing text)
//   { kind: 'press', key }                   → { ok }         keyboard press on the page, e.g. "Escape"
// Failures answer { ok: false, error }.
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const safeName = (name) => String(name).replace(/[^\w.-]+/g, '_').slice(0, 80) || 'screenshot';

async function handle(page, request, screenshotDir) {
  switch (request.kind) {
    case 'screenshot': {
      mkdirSync(screenshotDir, { recursive: true });
      const path = join(screenshotDir, `${safeName(request.name)}.png`);
      if (request.selector) await page.locator(request.selector).first().screenshot({ path, timeout: 10_000 });
      else await page.screenshot({ path });
      return { ok: true, path };
    }
    case 'texts':
      // Monaco renders spaces as U+00A0; tests compare against the document text.
      return { ok: true, texts: await page.locator(request.selector).evaluateAll((els) => els.map((e) => e.innerText.replace(/\u00a0/g, ' '))) };
    case 'click': {
      const locator = request.text ? page.locator(request.selector, { hasText: request.text }) : page.locator(request.selector);
      await locator.first().click({ timeout: 10_000 });
      return { ok: true };
    }
    case 'press':
      await page.keyboard.press(request.key);
      return { ok: true };
    default:
      return { ok: false, error: `unknown request kind ${JSON.stringify(request.kind)}` };
  }
}

/**
 * Serves requests from dir until the returned stop() is called.
 * @param {import('playwright-core').Page} page
 */
export function serveWorkbenchRequests(dir, page, { screenshotDir, log = () => {} }) {
  mkdirSync(dir, { recursive: true });
  let stopped = false;
  let busy = false;
  const tick = async () => {
    if (busy || stopped) return;
    busy = true;
    try {
      for (const file of readdirSync(dir).filter((f) => f.endsWith('.request.json')).sort()) {
        const id = file.slice(0, -'.request.json'.length);
        let response;
        try {
          const request = JSON.parse(readFileSync(join(dir, file), 'utf8'));
          log(`workbench request ${id}: ${JSON.stringify(request)}`);
          response = await handle(page, request, screenshotDir);
        } catch (e) {
          response = { ok: false, error: e instanceof Error ? e.message : String(e) };
        }
        rmSync(join(dir, file), { force: true });
        writeFileSync(join(dir, `${id}.response.tmp`), JSON.stringify(response));
        renameSync(join(dir, `${id}.response.tmp`), join(dir, `${id}.response.json`));
      }
    } finally {
      busy = false;
    }
  };
  const timer = setInterval(() => { tick().catch((e) => log(`workbench request channel: ${e.message}`)); }, 100);
  return () => {
    stopped = true;
    clearInterval(timer);
  };
}
