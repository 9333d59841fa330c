// An editor signs in, writes an article in the admin UI, and readers see it.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { startServer, CHROMIUM_OPTIONS, ROOT } from './server.mjs';

const BIN = process.env.NEWSDESK_BIN || join(ROOT, 'build', 'newsdesk');
let server;
let browser;

before(async () => {
  server = await startServer();
  execFileSync(BIN, ['--db', server.db, 'user', 'add', '--email', 'editor@example.com', '--name', 'Ed Itor',
                     '--role', 'editor'], { input: 'a long enough password\n', stdio: ['pipe', 'pipe', 'pipe'] });
  browser = await chromium.launch(CHROMIUM_OPTIONS);
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

test('sign in, write and publish an article, see it on the column page', async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`${server.url}/admin`);
  assert.equal(new URL(page.url()).pathname, '/admin/sign-in');
  await page.fill('#email', 'editor@example.com');
  await page.fill('#password', 'wrong password');
  await Promise.all([page.waitForNavigation(), page.click('button:has-text("Sign in")')]);
  assert.match(await page.locator('[role=alert]').innerText(), /do not match/);
  await page.fill('#email', 'editor@example.com');
  await page.fill('#password', 'a long enough password');
  await Promise.all([page.waitForNavigation(), page.click('button:has-text("Sign in")')]);
  assert.equal(new URL(page.url()).pathname, '/admin');
  assert.match(await page.evaluate(() => document.body.innerText), /US threatens to halt talks/);

  await Promise.all([page.waitForNavigation(), page.click('text=New article')]);
  await page.fill('#title', 'Written in the admin');
  await page.fill('#slug', 'written-in-the-admin');
  await page.fill('#summary', 'A summary typed by an editor.');
  await page.fill('#body', 'Some **Markdown** body.');
  await page.selectOption('#author_1', 'laura-rozen');
  await page.fill('#tags', 'syria, admin-made');
  await page.selectOption('#status', 'published');
  await Promise.all([page.waitForNavigation(), page.click('button:has-text("Save")')]);
  assert.match(await page.locator('.admin-saved').innerText(), /Saved/);

  await page.goto(`${server.url}/columns/back-channel`);
  const text = await page.evaluate(() => document.body.innerText);
  assert.match(text, /Written in the admin\s+\w+day, \w+\.? \d+, \d{4} \| Laura Rozen, Back Channel\s+A summary typed by an editor\./);
  await page.goto(`${server.url}/articles/written-in-the-admin`);
  assert.equal(await page.locator('.article-body strong').innerText(), 'Markdown');

  // A bad date comes back with the form as typed and a reason.
  await page.goto(`${server.url}/admin/articles/new`);
  await page.fill('#title', 'Kept as typed');
  await page.fill('#slug', 'Not A Slug');
  await page.evaluate(() => document.querySelector('#slug').removeAttribute('pattern'));
  await Promise.all([page.waitForNavigation(), page.click('button:has-text("Save")')]);
  assert.match(await page.locator('[role=alert]').innerText(), /slug/);
  assert.equal(await page.inputValue('#title'), 'Kept as typed');
  await context.close();
});
