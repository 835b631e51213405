// tests/e2e/serve.mjs: a static file server for build/web/site on 127.0.0.1 (a free port), and
// the headless Debian chromium the e2e tests drive through playwright-core.
import http from 'node:http';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { before, after } from 'node:test';
import { fileURLToPath } from 'node:url';

export const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const site = path.resolve(root, process.env.MNEMO_WEB_SITE || 'build/web/site');  // the override tests another build
export const artifacts = path.join(root, 'build/artifacts');

const types = { '.html': 'text/html', '.js': 'text/javascript', '.wasm': 'application/wasm', '.wat': 'text/plain' };

// Serves `dir`; resolves to { url, close }. The server does not keep node alive.
export function serve(dir = site) {
  const server = http.createServer((req, res) => {
    const rel = decodeURIComponent(new URL(req.url, 'http://x').pathname).replace(/^\/+/, '') || 'index.html';
    const file = path.join(dir, rel);
    if (!file.startsWith(dir) || !fs.existsSync(file) || !fs.statSync(file).isFile()) {
      res.writeHead(404).end('not found');
      return;
    }
    const body = fs.readFileSync(file);
    res.writeHead(200, { 'Content-Type': types[path.extname(file)] || 'application/octet-stream', 'Content-Length': body.length });
    res.end(body);
  });
  return new Promise(resolve => {
    server.listen(0, '127.0.0.1', () => {
      server.unref();
      resolve({ url: `http://127.0.0.1:${server.address().port}/`, close: () => server.close() });
    });
  });
}

export async function launchChromium() {
  const { chromium } = await import('playwright-core');
  const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'mnemo-chromium-'));
  const args = ['--headless', '--no-sandbox', '--use-angle=swiftshader', '--enable-unsafe-swiftshader',
                '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: true,
    args,
    viewport: { width: 1400, height: 860 },
  });
  return {
    context,
    async close() {
      await context.close();
      fs.rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}

// What every playground test starts from: the site served, opened in headless Chromium, the
// page's console errors collected into `consoleErrors` (a test ends by checking it is empty).
export async function openPlaygroundPage() {
  fs.mkdirSync(artifacts, { recursive: true });
  const server = await serve();
  const browser = await launchChromium();
  const page = browser.context.pages()[0] || await browser.context.newPage();
  const consoleErrors = [];
  page.on('console', m => { if (m.type() === 'error') consoleErrors.push(m.text()); });
  page.on('pageerror', e => consoleErrors.push(String(e)));
  const open = async () => {
    await page.goto(server.url);
    await page.waitForFunction(() => window.mnemo && window.mnemo.debugger, null, { timeout: 60000 });
  };
  await open();
  return {
    server, browser, page, consoleErrors, reload: open,
    async close() {
      await browser.close();
      server.close();
    },
  };
}

// One playground page for all the tests of a file: opened before the first, closed after the
// last; `opened` receives it (its page, consoleErrors and reload).
export function playgroundForFile(opened) {
  let playground;
  before(async () => {
    playground = await openPlaygroundPage();
    opened(playground);
  });
  after(async () => {
    if (playground) await playground.close();
  });
}
