// The Back Channel as a reader's browser shows it: the text of the seed page,
// and the cookie notice with and without JavaScript.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { startServer, CHROMIUM_OPTIONS, ROOT } from './server.mjs';

const seed = readFileSync(join(ROOT, 'tests', 'golden', 'back-channel-page.txt'), 'utf8');
const seedLines = seed.split('\n').map((l) => l.replace(/\s+/g, ' ').trim()).filter(Boolean);
const normalise = (s) => s.replace(/\s+/g, ' ').trim();
const NOTICE = '#cookie-notice';

let server;
let browser;

before(async () => {
  server = await startServer();
  browser = await chromium.launch(CHROMIUM_OPTIONS);
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

test('the column page shows every line of the seed page, in order', async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  const response = await page.goto(`${server.url}/columns/back-channel`);
  assert.equal(response.status(), 200);
  const text = await page.evaluate(() => document.body.innerText);
  if (process.env.NEWSDESK_SCREENSHOTS) {
    mkdirSync(process.env.NEWSDESK_SCREENSHOTS, { recursive: true });
    await page.screenshot({ path: join(process.env.NEWSDESK_SCREENSHOTS, 'back-channel.png'), fullPage: true });
  }
  const pageLines = text.split('\n').map((l) => l.replace(/\s+/g, ' ').trim()).filter(Boolean);
  let at = 0;
  for (const line of seedLines) {
    const found = pageLines.indexOf(line, at);
    assert.notEqual(found, -1, `seed line missing or out of order: "${line}"\npage:\n${pageLines.join('\n')}`);
    at = found + 1;
  }

  // From the first headline to the last summary the page equals the seed exactly.
  const first = seedLines[1];
  const last = seedLines[seedLines.indexOf('©2017 Al-Monitor. All rights reserved.') - 1];
  const slice = (s) => normalise(s.slice(s.indexOf(first), s.indexOf(last) + last.length));
  assert.equal(slice(text), slice(seed));
  assert.equal(pageLines.at(-1), seedLines.at(-1), 'the cookie notice closes the page');
  await context.close();
});

test('with JavaScript: no cookie before dismissing, X hides the notice without a reload, and it stays gone', async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`${server.url}/columns/back-channel`);
  assert.deepEqual(await context.cookies(), []);
  await page.evaluate(() => { window.__sameDocument = true; });

  const button = page.getByRole('button', { name: 'Dismiss cookie notice' });
  assert.equal(await button.innerText(), 'X');
  await button.click();
  await page.waitForSelector(NOTICE, { state: 'detached' });
  assert.equal(await page.evaluate(() => window.__sameDocument), true, 'dismissing did not reload the page');

  const cookies = await context.cookies();
  assert.equal(cookies.length, 1);
  assert.equal(cookies[0].name, 'newsdesk_consent');
  const days = (cookies[0].expires - Date.now() / 1000) / 86400;
  assert.ok(days > 175 && days < 190, `consent lasts about six months, got ${days} days`);

  await page.reload();
  assert.equal(await page.locator(NOTICE).count(), 0);
  await page.goto(`${server.url}/`);
  assert.equal(await page.locator(NOTICE).count(), 0);
  await context.close();
});

test('without JavaScript: X posts the form, comes back to the same page, and the notice stays gone', async () => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto(`${server.url}/columns/back-channel?page=1`);
  assert.deepEqual(await context.cookies(), []);
  await Promise.all([page.waitForNavigation(), page.click(`${NOTICE} button`)]);
  assert.equal(page.url(), `${server.url}/columns/back-channel?page=1`);
  assert.equal(await page.locator(NOTICE).count(), 0);
  assert.equal((await context.cookies()).length, 1);
  await page.reload();
  assert.equal(await page.locator(NOTICE).count(), 0);
  await context.close();
});

test('the notice is reachable from the keyboard', async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`${server.url}/columns/back-channel`);
  let reached = false;
  for (let i = 0; i < 40 && !reached; i++) {
    await page.keyboard.press('Tab');
    reached = await page.evaluate(() => document.activeElement?.getAttribute('aria-label') === 'Dismiss cookie notice');
  }
  assert.ok(reached, 'Tab reaches the dismiss button');
  await page.keyboard.press('Enter');
  await page.waitForSelector(NOTICE, { state: 'detached' });
  await context.close();
});

test('keyboard: the notice is reached early, nothing focused hides behind it, and dismissing keeps focus (WCAG 2.4.11)', async () => {
  const context = await browser.newContext({ viewport: { width: 375, height: 740 } });
  const page = await context.newPage();
  await page.goto(`${server.url}/columns/back-channel`);
  // The second stop skips to the notice; the next one is inside it.
  await page.keyboard.press('Tab');
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement.textContent), 'Skip to the cookie notice');
  await page.keyboard.press('Enter');
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement.closest('#cookie-notice') !== null), true);
  // Every stop on the page is fully above the notice when focused.
  await page.goto(`${server.url}/columns/back-channel`);
  let stops = 0;
  for (;;) {
    await page.keyboard.press('Tab');
    const where = await page.evaluate(() => {
      const el = document.activeElement;
      if (!el || el === document.body) return null;
      const notice = document.getElementById('cookie-notice');
      const box = el.getBoundingClientRect();
      return { text: el.textContent.trim().slice(0, 40), inNotice: notice.contains(el),
               hidden: !notice.contains(el) && box.bottom > notice.getBoundingClientRect().top };
    });
    if (!where || (where.inNotice && where.text === 'X')) break;
    assert.equal(where.hidden, false, `"${where.text}" is hidden behind the cookie notice`);
    assert.ok(++stops < 200, 'tabbing never reached the notice');
  }
  assert.ok(stops > 10, `only ${stops} stops`);
  // Dismissed with the keyboard: focus goes to the content, not to <body>.
  await page.keyboard.press('Enter');
  await page.waitForSelector(NOTICE, { state: 'detached' });
  assert.equal(await page.evaluate(() => document.activeElement.id), 'main');
  await context.close();
});
