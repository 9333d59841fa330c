// Pictures in a real browser: an image uploaded in the media library and
// described there, one chosen with the editor's file picker as the featured
// image, one dropped into the body, the article published and shown with its
// lead image; the media screens checked with axe-core at a phone's width.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { chromium } from 'playwright-core';
import { startServer, assertAccessible, CHROMIUM_OPTIONS, ROOT } from './server.mjs';

const BIN = process.env.NEWSDESK_BIN || join(ROOT, 'build', 'newsdesk');
const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const PASSWORD = 'a long enough password';
let server;
let browser;

// A real JPEG of `width` × `height`, made by libvips' command-line tool.
function jpeg(name, width, height) {
  const path = join(server.dir, name);
  execFileSync('vips', ['black', path + '[Q=80]', String(width), String(height), '--bands', '3']);
  return path;
}

before(async () => {
  server = await startServer();
  execFileSync(BIN, ['--db', server.db, 'user', 'add', '--email', 'pix@example.com', '--name', 'Pix Editor',
                     '--role', 'editor'], { input: PASSWORD + '\n', stdio: ['pipe', 'pipe', 'pipe'] });
  browser = await chromium.launch(CHROMIUM_OPTIONS);
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

async function signedIn(options = {}) {
  const context = await browser.newContext(options);
  const page = await context.newPage();
  await page.goto(`${server.url}/admin/sign-in`);
  await page.fill('#email', 'pix@example.com');
  await page.fill('#password', PASSWORD);
  await Promise.all([page.waitForNavigation(), page.click('button:has-text("Sign in")')]);
  return { context, page };
}

async function submit(page, locator) {
  await Promise.all([page.waitForNavigation(), page.locator(locator).click()]);
}

test('upload in the media library, describe it, place its focal point', async () => {
  const { context, page } = await signedIn();
  await page.click('nav >> text=Media');
  await page.getByLabel(/^Image \(JPEG/).setInputFiles(jpeg('library.jpg', 1600, 1000));
  const upload = page.getByRole('form', { name: 'Upload an image' });
  await upload.getByLabel(/^Alt text/).fill('Ministers at a long table');
  await upload.getByLabel('Caption').fill('The signing');
  await submit(page, 'button:has-text("Upload")');
  assert.match(await page.locator('[role=status]').innerText(), /Uploaded/);
  // A click on the picture moves the focal point; saved with the words.
  const box = await page.locator('#focal-image').boundingBox();
  await page.mouse.click(box.x + box.width * 0.25, box.y + box.height * 0.75);
  assert.equal(await page.getByLabel('From the left, percent').inputValue(), '25');
  assert.equal(await page.getByLabel('From the top, percent').inputValue(), '75');
  await page.getByLabel('Credit').fill('Photo: Pool');
  await submit(page, 'button:has-text("Save")');
  assert.match(await page.locator('[role=status]').innerText(), /Saved/);
  assert.match(await page.locator('a:has-text("as shared")').getAttribute('href'), /-1200x630-25-75\.jpg$/);
  await page.goto(`${server.url}/admin/media?q=ministers`);
  assert.equal(await page.locator('.media-card').count(), 1);
  await context.close();
});

test('the editor: a featured image from the file picker, an image dropped into the body', async () => {
  const { context, page } = await signedIn();
  page.on('dialog', (dialog) => dialog.accept(dialog.message().includes('dropped') ? 'A dropped chart'
    : 'A crowd outside the ministry'));
  await page.goto(`${server.url}/admin/articles/new`);
  await page.getByLabel('Title', { exact: true }).fill('Pictured at the desk');
  await page.getByLabel('Or upload one').setInputFiles(jpeg('featured.jpg', 1400, 900));
  await page.waitForFunction(() => document.getElementById('image_id').value.length === 20);
  await page.waitForFunction(() => document.getElementById('featured-preview').naturalWidth > 0);
  assert.match(await page.locator('#featured-about').innerText(), /A crowd outside the ministry/);

  // A file dropped onto the body (the CodeMirror editor) is uploaded and placed.
  const bytes = readFileSync(jpeg('dropped.jpg', 900, 600)).toString('base64');
  await page.evaluate(async (b64) => {
    const data = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
    const transfer = new DataTransfer();
    transfer.items.add(new File([data], 'dropped.jpg', { type: 'image/jpeg' }));
    const target = document.querySelector('.cm-content') || document.getElementById('body');
    target.dispatchEvent(new DragEvent('drop', { dataTransfer: transfer, bubbles: true, cancelable: true }));
  }, bytes);
  await page.waitForFunction(() => /!\[A dropped chart\]\(\/media\/[0-9a-f]{20}\.jpg\)/.test(
    document.getElementById('body').value));

  await page.getByLabel('Author 1').selectOption('laura-rozen');
  await page.getByLabel('Status').selectOption('published');
  await submit(page, 'button:has-text("Save")');
  assert.equal(await page.locator('[role=alert]').count(), 0, await page.locator('main').innerText());
  assert.match(await page.locator('.admin-saved').innerText(), /Saved/);
  const slug = new URL(page.url()).pathname.split('/').pop();
  const reader = await context.newPage();
  await reader.goto(`${server.url}/articles/${slug}`);
  const lead = reader.locator('figure.lead-image img');
  assert.equal(await lead.getAttribute('alt'), 'A crowd outside the ministry');
  assert.ok(await lead.evaluate((img) => img.complete && img.naturalWidth > 0), 'the lead image loads');
  const figure = reader.locator('.article-body figure img');
  assert.equal(await figure.getAttribute('alt'), 'A dropped chart');
  assert.ok(await figure.evaluate((img) => img.currentSrc.includes('/media/')));
  await context.close();
});

test('the media screens are accessible on a phone', async () => {
  const { context, page } = await signedIn({ bypassCSP: true, viewport: { width: 375, height: 740 } });
  await page.goto(`${server.url}/admin/media`);
  await assertAccessible(page, '/admin/media', AXE);
  await page.locator('.media-card a').first().click();
  await page.waitForLoadState();
  await assertAccessible(page, new URL(page.url()).pathname, AXE);
  await page.goto(`${server.url}/admin/articles/new`);
  await assertAccessible(page, '/admin/articles/new', AXE);
  await context.close();
});
