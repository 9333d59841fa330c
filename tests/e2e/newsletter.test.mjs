// A reader subscribes through the form in Chromium; the confirmation email
// arrives at a real SMTP server (aiosmtpd, Maildir) and its link confirms.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { startServer, startSmtp, CHROMIUM_OPTIONS } from './server.mjs';

let smtp;
let server;
let browser;

before(async () => {
  smtp = await startSmtp();
  server = await startServer(undefined, ['--smtp-url', smtp.url]);
  browser = await chromium.launch(CHROMIUM_OPTIONS);
});

after(async () => {
  await browser?.close();
  await server?.stop();
  smtp?.stop();
});

async function waitForMail() {
  for (let i = 0; i < 100; i++) {
    let files = [];
    try { files = readdirSync(smtp.newMail); } catch { /* not yet */ }
    if (files.length) return readFileSync(join(smtp.newMail, files[0]), 'utf8');
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('no email arrived');
}

test('subscribing through the footer link and the form, then confirming from the email', async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`${server.url}/columns/back-channel`);
  await Promise.all([page.waitForNavigation(), page.click('text=Get Al-Monitor delivered to your Inbox')]);
  assert.equal(new URL(page.url()).pathname, '/newsletter');
  await page.fill('input[name=email]', 'browser-reader@example.com');
  await page.selectOption('select[name=column]', 'back-channel');
  await Promise.all([page.waitForNavigation(), page.click('button:has-text("Subscribe")')]);
  assert.match(await page.evaluate(() => document.body.innerText), /Check your inbox/);

  const mail = await waitForMail();
  assert.match(mail, /^X-RcptTo: browser-reader@example.com/m);
  const body = Buffer.from(mail.split('Content-Transfer-Encoding: base64')[1].split('--')[0].replace(/\s/g, ''),
                           'base64').toString('utf8');
  assert.match(body, /The Back Channel/);
  const token = body.match(/\/newsletter\/confirm\?token=([A-Za-z0-9_-]+)/)[1];

  await page.goto(`${server.url}/newsletter/confirm?token=${token}`);
  await Promise.all([page.waitForNavigation(), page.click('button:has-text("Confirm my subscription")')]);
  assert.match(await page.evaluate(() => document.body.innerText), /You are subscribed/);
  await context.close();
});

test('a bad address is refused with a message, without JavaScript too', async () => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto(`${server.url}/newsletter`);
  // type=email would stop the browser itself; a reader with an old browser still gets our message.
  await page.evaluate(() => { document.querySelector('input[name=email]').type = 'text'; });
  await page.fill('input[name=email]', 'not an address');
  await Promise.all([page.waitForNavigation(), page.click('button:has-text("Subscribe")')]);
  assert.match(await page.locator('[role=alert]').innerText(), /cannot contain spaces/);
  await context.close();
});
