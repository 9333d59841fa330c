// Embeds in a real browser (issue #12): an article and a WordPress import
// with YouTube, Vimeo and X embeds load nothing from those providers, and set
// no cookie, until the reader presses the embed's button; then only that
// embed's frame is created (YouTube from youtube-nocookie.com). The page is
// checked with axe-core, facades and all, at a phone's width.
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
    seed.articles.push({
      slug: 'with-embeds', title: 'Three embeds', summary: 'Video, video and a post.',
      body: 'Watch this:\n\nhttps://www.youtube.com/watch?v=dQw4w9WgXcQ\n\nhttps://vimeo.com/76979871\n\n' +
            'And the reaction:\n\nhttps://x.com/jack/status/20\n',
      authors: [seed.articles[0].authors[0]], column: seed.articles[0].column, tags: [],
      published_at: '2016-09-29T10:00:00Z', status: 'published',
    });
  });
  server = await startServer([bundle]);
  browser = await chromium.launch(CHROMIUM_OPTIONS);
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

test('nothing is fetched from a provider before the reader asks', async () => {
  const context = await browser.newContext({ viewport: { width: 375, height: 800 }, bypassCSP: false });
  const page = await context.newPage();
  const foreign = [];
  // Requests that leave the site are recorded and answered here (no network in tests).
  await context.route(/^https?:\/\/(?!127\.0\.0\.1)/, (route) => {
    foreign.push(route.request().url());
    route.fulfill({ status: 200, contentType: 'text/html', body: '<p>provider</p>' });
  });
  await page.goto(`${server.url}/articles/with-embeds`);
  await page.waitForLoadState('networkidle');
  assert.deepEqual(foreign, [], 'requests before any click');
  assert.equal(await page.locator('iframe').count(), 0);
  assert.equal(await page.locator('figure.embed').count(), 3);
  const buttons = page.getByRole('button', { name: /^Play the video from|^Show the post from/ });
  assert.equal(await buttons.count(), 3);
  assert.deepEqual((await context.cookies()).filter((c) => !c.domain.includes('127.0.0.1')), []);

  await page.getByRole('button', { name: 'Play the video from YouTube' }).click();
  const frame = page.locator('figure.embed iframe');
  await frame.waitFor();
  assert.equal(await frame.getAttribute('src'), 'https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ');
  assert.equal(await frame.getAttribute('title'), 'YouTube');
  await page.waitForLoadState('networkidle');
  assert.ok(foreign.length >= 1 && foreign.every((u) => u.startsWith('https://www.youtube-nocookie.com/')), foreign.join(' '));
  // The other two are still facades with links to the provider.
  assert.equal(await page.locator('figure.embed iframe').count(), 1);
  assert.equal(await page.getByRole('link', { name: 'Open it on Vimeo' }).getAttribute('href'), 'https://vimeo.com/76979871');
  await context.close();
});

test('the page with embeds is accessible at a phone width', async () => {
  const context = await browser.newContext({ viewport: { width: 375, height: 800 }, bypassCSP: true });
  const page = await context.newPage();
  await context.route(/^https?:\/\/(?!127\.0\.0\.1)/, (route) => route.abort());
  await page.goto(`${server.url}/articles/with-embeds`);
  await assertAccessible(page, '/articles/with-embeds', AXE);
  await context.close();
});
