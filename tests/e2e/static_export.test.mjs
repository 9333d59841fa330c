// The static export in a browser: the column page reads as the seed page, and
// the cookie notice can be dismissed with no application server behind it.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { createServer } from 'node:http';
import { mkdtempSync, readFileSync, rmSync, existsSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, normalize, extname } from 'node:path';
import { chromium } from 'playwright-core';
import { startServer, CHROMIUM_OPTIONS, ROOT } from './server.mjs';

const BIN = process.env.NEWSDESK_BIN || join(ROOT, 'build', 'newsdesk');
const TYPES = { '.html': 'text/html; charset=utf-8', '.css': 'text/css', '.js': 'text/javascript', '.xml': 'application/xml' };
let site;
let files;
let out;
let browser;

before(async () => {
  site = await startServer();
  out = mkdtempSync(join(tmpdir(), 'newsdesk-static-'));
  execFileSync(BIN, ['--db', site.db, 'export-static', '--out', out], { stdio: 'pipe' });
  // A plain file server: GET only, directories serve index.html, nothing else.
  files = createServer((req, res) => {
    if (req.method !== 'GET') { res.writeHead(405); res.end(); return; }
    let path = normalize(join(out, decodeURIComponent(new URL(req.url, 'http://x').pathname)));
    if (!path.startsWith(out)) { res.writeHead(403); res.end(); return; }
    if (existsSync(path) && statSync(path).isDirectory()) path = join(path, 'index.html');
    if (!existsSync(path)) { res.writeHead(404); res.end(readFileSync(join(out, '404.html'))); return; }
    res.writeHead(200, { 'Content-Type': TYPES[extname(path)] || 'application/octet-stream' });
    res.end(readFileSync(path));
  });
  await new Promise((r) => files.listen(0, '127.0.0.1', r));
  browser = await chromium.launch(CHROMIUM_OPTIONS);
});

after(async () => {
  await browser?.close();
  files?.close();
  await site?.stop();
  rmSync(out, { recursive: true, force: true });
});

test('the exported column page shows the seed text and remembers the dismissed notice', async () => {
  const url = `http://127.0.0.1:${files.address().port}`;
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`${url}/columns/back-channel/`);
  const seed = readFileSync(join(ROOT, 'tests', 'golden', 'back-channel-page.txt'), 'utf8');
  const text = await page.evaluate(() => document.body.innerText);
  const lines = text.split('\n').map((l) => l.replace(/\s+/g, ' ').trim()).filter(Boolean);
  let at = 0;
  for (const line of seed.split('\n').map((l) => l.replace(/\s+/g, ' ').trim()).filter(Boolean)) {
    const found = lines.indexOf(line, at);
    assert.notEqual(found, -1, `missing: ${line}`);
    at = found + 1;
  }
  await page.getByRole('button', { name: 'Dismiss cookie notice' }).click();
  await page.waitForSelector('#cookie-notice', { state: 'detached' });
  await page.goto(`${url}/articles/shaky-cease-fire-starts-in-syria/`);
  assert.equal(await page.locator('#cookie-notice').count(), 0, 'the choice holds on other pages');
  await context.close();
});
