// Opens one page in headless Chromium (Debian's chromium, driven by playwright-core from contracts/node_modules) and
// prints one JSON object describing it, for the Java browser tests to assert on.
// Usage: node check-page.mjs <node_modules dir> <chromium path> <request JSON>
// request: { url, waitFor (CSS selector, default "body"), evaluate (JS expression, its value is returned as "value"),
//            screenshot (file path: a full-page PNG is written there), timeoutMs, width, height }
// Any request that leaves the page's own origin is blocked and reported: Ballast's pages must work offline.
import { createRequire } from 'node:module';

const [nodeModules, chromiumPath, requestJson] = process.argv.slice(2);
const require = createRequire(nodeModules.replace(/\/?$/, '/'));
const { chromium } = require('playwright-core');
const request = JSON.parse(requestJson);
const timeout = request.timeoutMs ?? 15000;

const result = { consoleErrors: [], pageErrors: [], externalRequests: [], value: null };
const browser = await chromium.launch({ executablePath: chromiumPath, args: ['--no-sandbox'] });
try {
  const page = await browser.newPage({ viewport: { width: request.width ?? 1280, height: request.height ?? 900 } });
  const origin = new URL(request.url).origin;
  await page.route('**/*', route => {
    const url = route.request().url();
    const local = url.startsWith('data:') || url.startsWith('blob:') || url.startsWith('file:')
      || new URL(url).origin === origin;
    if (local) return route.continue();
    result.externalRequests.push(url);
    return route.abort();
  });
  page.on('console', m => { if (m.type() === 'error') result.consoleErrors.push(m.text()); });
  page.on('pageerror', e => result.pageErrors.push(String(e)));
  const started = Date.now();
  await page.goto(request.url, { timeout, waitUntil: 'load' });
  await page.waitForSelector(request.waitFor ?? 'body', { timeout });
  result.readyMs = Date.now() - started;
  result.firstContentfulPaintMs = await page.evaluate(() => {
    const fcp = performance.getEntriesByName('first-contentful-paint')[0];
    return fcp ? fcp.startTime : null;
  });
  result.title = await page.title();
  if (request.evaluate) result.value = await page.evaluate(request.evaluate);
  if (request.screenshot) await page.screenshot({ path: request.screenshot, fullPage: true });
} finally {
  await browser.close();
}
process.stdout.write(JSON.stringify(result));
