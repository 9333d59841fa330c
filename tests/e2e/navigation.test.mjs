// Finding one's way (issue #13): the sections in the header, folded behind a
// Menu button on a phone (a disclosure a keyboard and a screen reader can
// use), the footer's pages and feeds; dark mode and print styles. axe-core
// checks the pages in dark mode at a phone's width.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { chromium } from 'playwright-core';
import { startServer, assertAccessible, demoBundleWith, CHROMIUM_OPTIONS } from './server.mjs';

const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
let server;
let browser;

before(async () => {
  const bundle = demoBundleWith((seed) => {
    seed.columns.push({ slug: 'gulf', name: 'Gulf Pulse', position: 2 });
    seed.columns[0].position = 1;
    seed.pages = [{ slug: 'about', title: 'About us', body: 'A newsroom.' }];
  });
  server = await startServer([bundle]);
  browser = await chromium.launch(CHROMIUM_OPTIONS);
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

test('on a phone the sections open from a Menu button and close with Escape', async () => {
  const context = await browser.newContext({ viewport: { width: 375, height: 800 } });
  const page = await context.newPage();
  await page.goto(`${server.url}/columns/back-channel`);
  const menu = page.getByRole('button', { name: 'Menu' });
  assert.equal(await menu.getAttribute('aria-expanded'), 'false');
  const sections = page.getByRole('navigation', { name: 'Sections' });
  assert.equal(await sections.isVisible(), false);
  await menu.focus();
  await page.keyboard.press('Enter');
  assert.equal(await menu.getAttribute('aria-expanded'), 'true');
  assert.equal(await sections.isVisible(), true);
  const links = sections.getByRole('link');
  assert.deepEqual(await links.allTextContents(), ['Back Channel', 'Gulf Pulse']);  // by name, in the admin's order
  assert.equal(await links.first().getAttribute('aria-current'), 'page');
  await page.keyboard.press('Escape');
  assert.equal(await menu.getAttribute('aria-expanded'), 'false');
  assert.equal(await page.evaluate(() => document.activeElement.textContent), 'Menu');
  await context.close();
});

test('on a wide screen, and without JavaScript, the sections are simply there', async () => {
  for (const options of [{ viewport: { width: 1280, height: 800 } }, { viewport: { width: 375, height: 800 }, javaScriptEnabled: false }]) {
    const context = await browser.newContext(options);
    const page = await context.newPage();
    await page.goto(`${server.url}/`);
    assert.equal(await page.getByRole('navigation', { name: 'Sections' }).isVisible(), true);
    assert.equal(await page.getByRole('button', { name: 'Menu' }).isVisible(), false);
    assert.equal(await page.getByRole('link', { name: 'Subscribe' }).getAttribute('href'), '/newsletter');
    const footer = page.locator('footer');
    assert.equal(await footer.getByRole('link', { name: 'About us' }).getAttribute('href'), '/about');
    assert.equal(await footer.getByRole('link', { name: 'RSS feed' }).getAttribute('href'), '/rss.xml');
    await context.close();
  }
});

test('dark mode keeps every page accessible; print hides the site around the article', async () => {
  const context = await browser.newContext({ viewport: { width: 375, height: 800 }, colorScheme: 'dark', bypassCSP: true });
  const page = await context.newPage();
  for (const path of ['/', '/columns/back-channel', '/articles/us-threatens-to-halt-talks-with-russia-on-syria', '/about', '/newsletter']) {
    await page.goto(`${server.url}${path}`);
    const background = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    assert.equal(background, 'rgb(22, 22, 26)', path);
    await assertAccessible(page, `${path} (dark)`, AXE);
  }
  await page.emulateMedia({ media: 'print' });
  await page.goto(`${server.url}/articles/us-threatens-to-halt-talks-with-russia-on-syria`);
  assert.equal(await page.locator('.site-header').isVisible(), false);
  assert.equal(await page.locator('.site-footer').isVisible(), false);
  assert.equal(await page.locator('.article-title').isVisible(), true);
  await context.close();
});
