// The desk in a real browser: writing with the toolbar, preview, autosave,
// two editors on one article, revisions, review, corrections, slug changes,
// the trash, the list at 5,000 articles, accessibility and a phone's width.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { writeFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { chromium } from 'playwright-core';
import { startServer, assertAccessible, CHROMIUM_OPTIONS, ROOT } from './server.mjs';

const BIN = process.env.NEWSDESK_BIN || join(ROOT, 'build', 'newsdesk');
const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const PASSWORD = 'a long enough password';
let server;
let browser;

// 5,000 articles besides the demo: the list must page, filter and search them.
function archiveBundle(dir) {
  const articles = [];
  for (let i = 0; i < 5000; i++) {
    articles.push({
      slug: `archive-${i}`, title: `Archive story ${i}`, summary: `Summary ${i}`,
      body: i % 500 === 0 ? `A rare platypus sighting, number ${i}.` : `Routine body ${i}.`,
      authors: ['laura-rozen'], column: 'back-channel', tags: i % 2 ? ['odd'] : ['even'],
      published_at: new Date(Date.UTC(2015, 0, 1) + i * 3600000).toISOString().replace('.000', ''),
      status: i % 10 === 0 ? 'draft' : 'published',
    });
  }
  const file = join(dir, 'archive.json');
  writeFileSync(file, JSON.stringify({ newsdesk_bundle: 1, articles }));
  return file;
}

function addUser(email, name, role, author) {
  execFileSync(BIN, ['--db', server.db, 'user', 'add', '--email', email, '--name', name, '--role', role,
                     ...(author ? ['--author', author] : [])],
               { input: PASSWORD + '\n', stdio: ['pipe', 'pipe', 'pipe'] });
}

before(async () => {
  server = await startServer();
  execFileSync(BIN, ['--db', server.db, 'import', archiveBundle(server.dir)], { stdio: 'pipe' });
  addUser('ed@example.com', 'Ed Itor', 'editor');
  addUser('laura@example.com', 'Laura Rozen', 'editor');
  addUser('con@example.com', 'Con Tributor', 'contributor', 'laura-rozen');
  browser = await chromium.launch(CHROMIUM_OPTIONS);
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

async function signedIn(email, options = {}) {
  const context = await browser.newContext(options);
  const page = await context.newPage();
  page.on('dialog', (d) => d.accept());  // "leave with unsaved changes?": yes, in tests
  await page.goto(`${server.url}/admin/sign-in`);
  await page.fill('#email', email);
  await page.fill('#password', PASSWORD);
  await Promise.all([page.waitForNavigation(), page.click('button:has-text("Sign in")')]);
  assert.equal(new URL(page.url()).pathname, '/admin');
  return { context, page };
}

async function newArticle(page, { title, slug, body = 'Body text.', status = 'published', when = '' }) {
  await page.goto(`${server.url}/admin/articles/new`);
  await page.fill('#title', title);
  await page.fill('#slug', slug);
  await page.fill('#summary', `Dek of ${title}`);
  await page.fill('#body', body);
  await page.selectOption('#author_1', 'laura-rozen');
  await page.selectOption('#status', status);
  if (when) await page.fill('#published_at', when);
  await Promise.all([page.waitForNavigation(), page.click('button:has-text("Save")')]);
  assert.match(await page.locator('.admin-saved').innerText(), /Saved/, await page.content());
}

async function saveForm(page) {
  await Promise.all([page.waitForNavigation(), page.click('#article-form button:has-text("Save")')]);
}

test('write with the toolbar; the preview is the published page', async () => {
  const { context, page } = await signedIn('ed@example.com');
  await page.goto(`${server.url}/admin/articles/new`);
  await page.fill('#title', 'Toolbar and preview');
  assert.equal(await page.inputValue('#slug'), 'toolbar-and-preview');  // proposed from the title
  // The body is a CodeMirror editor (assets/editor.js): typed into, a word
  // selected with the keyboard, then made bold from the toolbar.
  await page.click('.cm-content');
  await page.keyboard.type('A word to stress here.');
  await page.keyboard.press('Home');
  for (let i = 0; i < 2; i++) await page.keyboard.press('ArrowRight');
  for (let i = 0; i < 4; i++) await page.keyboard.press('Shift+ArrowRight');
  await page.click('.admin-toolbar button:has-text("Bold")');
  assert.equal(await page.locator('.cm-content').innerText(), 'A **word** to stress here.');
  assert.equal(await page.inputValue('#body'), 'A **word** to stress here.');
  assert.equal(await page.locator('#word-count').innerText(), '5');
  await page.fill('#summary', 'The dek.');
  await page.fill('#kicker', 'Analysis');
  await page.selectOption('#author_1', 'laura-rozen');
  await page.fill('#tags', 'Syria, Peace Talks');
  await page.selectOption('#status', 'published');
  await page.fill('#published_at', '2026-11-20T09:30');

  await page.click('#preview-button');
  const frame = page.frameLocator('#preview-frame');
  await frame.locator('article.article').waitFor();
  const previewed = await frame.locator('article.article').evaluate((e) => e.outerHTML);
  assert.match(previewed, /<strong>word<\/strong>/);

  await saveForm(page);
  const published = await context.newPage();
  await published.goto(`${server.url}/articles/toolbar-and-preview`);
  assert.equal(await published.locator('article.article').evaluate((e) => e.outerHTML), previewed);
  assert.match(await published.locator('.article-tags').innerText(), /Peace Talks/);
  await context.close();
});

test('autosave survives a reload', async () => {
  const { context, page } = await signedIn('ed@example.com');
  await newArticle(page, { title: 'Autosaved story', slug: 'autosaved-story', status: 'draft' });
  await page.fill('#body', 'Typed but never saved: a paragraph worth keeping.');
  await page.waitForFunction(() => /Autosaved/.test(document.getElementById('autosave-status').textContent),
                             null, { timeout: 15000 });
  await page.reload();
  assert.equal(await page.inputValue('#body'), 'Body text.');
  await Promise.all([page.waitForNavigation(), page.click('text=Restore them')]);
  assert.equal(await page.inputValue('#body'), 'Typed but never saved: a paragraph worth keeping.');
  await saveForm(page);
  assert.equal(await page.locator('text=Restore them').count(), 0);  // saved: the autosave is gone
  await context.close();
});

test('two editors on one article: the second save is refused and both texts stay on screen', async () => {
  const ed = await signedIn('ed@example.com');
  const laura = await signedIn('laura@example.com');
  await newArticle(ed.page, { title: 'Contested story', slug: 'contested-story', status: 'draft' });
  await laura.page.goto(`${server.url}/admin/articles/contested-story`);
  // Each sees the other at work, in the editor and on the list.
  await ed.page.reload();
  await ed.page.waitForFunction(() => /Laura Rozen is editing/.test(document.getElementById('editing-now').textContent));
  await laura.page.goto(`${server.url}/admin?q=contested`);
  assert.match(await laura.page.locator('[data-editing="contested-story"]').innerText(), /Ed Itor is editing/);
  await laura.page.goto(`${server.url}/admin/articles/contested-story`);

  await ed.page.fill('#body', 'Ed rewrote the top.');
  await saveForm(ed.page);
  await laura.page.fill('#body', 'Laura added a quote.');
  await saveForm(laura.page);
  assert.match(await laura.page.locator('[role=alert]').innerText(), /Someone else saved/);
  assert.equal(await laura.page.inputValue('#body'), 'Laura added a quote.');
  assert.equal(await laura.page.locator('#theirs-body').innerText(), 'Ed rewrote the top.');
  assert.match(await laura.page.locator('#theirs-heading').innerText(), /Ed Itor/);
  // Saving again, now knowingly over Ed's version, works.
  await saveForm(laura.page);
  assert.match(await laura.page.locator('.admin-saved').innerText(), /Saved/);
  await ed.context.close();
  await laura.context.close();
});

test('restore a revision', async () => {
  const { context, page } = await signedIn('ed@example.com');
  await newArticle(page, { title: 'Revised story', slug: 'revised-story', body: 'First words.' });
  await page.fill('#body', 'Second words.');
  await saveForm(page);
  await page.click('text=Revisions');
  await page.waitForURL(/\/revisions$/);
  await page.click('a:has-text("compare with 1")');
  assert.match(await page.locator('#body-diff del').innerText(), /First/);
  assert.match(await page.locator('#body-diff ins').innerText(), /Second/);
  await page.goto(`${server.url}/admin/articles/revised-story/revisions/1`);
  await Promise.all([page.waitForNavigation(), page.click('button:has-text("Restore this revision")')]);
  assert.equal(await page.inputValue('#body'), 'First words.');
  const r = await fetch(`${server.url}/articles/revised-story`);
  assert.match(await r.text(), /First words\./);
  await context.close();
});

test('a contributor submits for review and an editor publishes', async () => {
  const con = await signedIn('con@example.com');
  await con.page.goto(`${server.url}/admin/articles/new`);
  const options = await con.page.locator('#status option').allInnerTexts();
  assert.ok(options.includes('in review') && !options.includes('published'), options.join());
  await newArticle(con.page, { title: 'From a contributor', slug: 'from-a-contributor', status: 'review' });
  assert.equal((await fetch(`${server.url}/articles/from-a-contributor`)).status, 404);
  await con.page.fill('#note-text', 'Please check the second quote.');
  await Promise.all([con.page.waitForNavigation(), con.page.click('button:has-text("Add note")')]);

  const ed = await signedIn('ed@example.com');
  await ed.page.click('nav >> text=Review queue');
  await Promise.all([ed.page.waitForNavigation(), ed.page.click('a:has-text("From a contributor")')]);
  assert.match(await ed.page.locator('#notes').innerText(), /Con Tributor, .*: Please check the second quote\./);
  await ed.page.selectOption('#status', 'published');
  await saveForm(ed.page);
  assert.equal((await fetch(`${server.url}/articles/from-a-contributor`)).status, 200);
  await con.context.close();
  await ed.context.close();
});

test('a correction shows on the page and in JSON-LD', async () => {
  const { context, page } = await signedIn('ed@example.com');
  await newArticle(page, { title: 'Story to correct', slug: 'story-to-correct' });
  await page.fill('#new_correction_text', 'An earlier version misspelled the envoy’s name.');
  await saveForm(page);
  await page.goto(`${server.url}/articles/story-to-correct`);
  const text = await page.evaluate(() => document.body.innerText);
  assert.match(text, /Correction, \w+\.? \d+, \d{4}: An earlier version misspelled the envoy’s name\./);
  assert.match(text, /Updated \w+\.? \d+, \d{4}/);
  const ld = JSON.parse(await page.locator('script[type="application/ld+json"]').innerText());
  assert.equal(ld.correction[0].text, 'An earlier version misspelled the envoy’s name.');
  await context.close();
});

test('a slug change answers 301 from the old URL', async () => {
  const { context, page } = await signedIn('ed@example.com');
  await newArticle(page, { title: 'Renamed story', slug: 'first-name' });
  await page.fill('#slug', 'second-name');
  await saveForm(page);
  assert.equal(new URL(page.url()).pathname, '/admin/articles/second-name');
  const r = await fetch(`${server.url}/articles/first-name`, { redirect: 'manual' });
  assert.equal(r.status, 301);
  assert.equal(r.headers.get('location'), '/articles/second-name');
  await page.goto(`${server.url}/admin/redirects`);
  assert.match(await page.locator('table').innerText(), /\/articles\/first-name\s+\/articles\/second-name\s+slug change/);
  await context.close();
});

test('trash and restore', async () => {
  const { context, page } = await signedIn('ed@example.com');
  await newArticle(page, { title: 'Trashed story', slug: 'trashed-story' });
  await Promise.all([page.waitForNavigation(), page.click('button:has-text("Move to trash")')]);
  assert.equal(new URL(page.url()).pathname, '/admin/trash');
  assert.match(await page.locator('table').innerText(), /Trashed story/);
  assert.equal((await fetch(`${server.url}/articles/trashed-story`)).status, 404);
  await Promise.all([page.waitForNavigation(), page.click('button[aria-label="Restore Trashed story"]')]);
  assert.equal((await fetch(`${server.url}/articles/trashed-story`)).status, 200);
  await context.close();
});

test('the list pages, filters and searches 5,000 articles', async () => {
  const { context, page } = await signedIn('ed@example.com');
  await page.goto(`${server.url}/admin?sort=newest`);
  const total = Number((await page.locator('.admin-counts[role=status]').innerText()).replace(/\D/g, ''));
  assert.ok(total > 5000, String(total));
  assert.match(await page.locator('.admin-pages').innerText(), /Page 1 of \d+/);
  await Promise.all([page.waitForNavigation(), page.click('a[rel=next]')]);
  assert.match(await page.locator('.admin-pages').innerText(), /Page 2 of/);
  assert.match(page.url(), /sort=newest/);

  await page.goto(`${server.url}/admin`);
  await page.selectOption('select[name=status]', 'draft');
  await page.fill('input[name=tag]', 'even');
  await Promise.all([page.waitForNavigation(), page.click('button:has-text("Find")')]);
  assert.match(await page.locator('.admin-counts[role=status]').innerText(), /^500 articles/);

  await page.goto(`${server.url}/admin`);
  await page.fill('input[name=q]', 'platypus');
  await Promise.all([page.waitForNavigation(), page.click('button:has-text("Find")')]);
  assert.match(await page.locator('.admin-counts[role=status]').innerText(), /^10 articles/);
  const titles = await page.locator('tbody a[href^="/admin/articles/"]').allInnerTexts();
  assert.ok(titles.every((t) => /^Archive story \d+$/.test(t)), titles.join());

  // Bulk: tag the ten found, then find them by that tag.
  for (const box of await page.locator('tbody input[type=checkbox]').all()) await box.check();
  await page.selectOption('#bulk-action', 'add_tag');
  await page.fill('#bulk-tag', 'Platypus watch');
  await Promise.all([page.waitForNavigation(), page.click('button:has-text("Apply")')]);
  assert.match(await page.locator('.admin-saved').innerText(), /10 articles tagged/);
  await page.goto(`${server.url}/admin?tag=platypus-watch`);
  assert.match(await page.locator('.admin-counts[role=status]').innerText(), /^10 articles/);
  await context.close();
});

test('admin screens: no serious accessibility violation, usable at 375 px', async () => {
  const { context, page } = await signedIn('ed@example.com', { bypassCSP: true, viewport: { width: 375, height: 800 } });
  const elsewhere = [];
  page.on('request', (r) => { if (!r.url().startsWith(server.url) && !r.url().startsWith('data:')) elsewhere.push(r.url()); });
  for (const path of ['/admin', '/admin/articles/new', '/admin/articles/archive-1',
                      '/admin/articles/archive-1/revisions', '/admin/trash', '/admin/redirects']) {
    await page.goto(server.url + path);
    await assertAccessible(page, path, AXE);
  }
  assert.deepEqual(elsewhere, [], 'the admin asks no other host for anything');
  // Keyboard: the skip link, then the navigation, are reachable by Tab.
  await page.goto(`${server.url}/admin`);
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement.textContent), 'Skip to content');
  await context.close();
});
