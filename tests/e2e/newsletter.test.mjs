// A reader subscribes through the form in Chromium; the confirmation email
// arrives at a real SMTP server (aiosmtpd, Maildir) and its link confirms.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { startServer, freePort, CHROMIUM_OPTIONS } from './server.mjs';

let smtp;
let maildir;
let server;
let browser;

before(async () => {
  maildir = mkdtempSync(join(tmpdir(), 'newsdesk-maildir-'));
  const port = await freePort();
  smtp = spawn('/usr/bin/python3', ['-m', 'aiosmtpd', '-n', '-l', `127.0.0.1:${port}`,
                                   '-c', 'aiosmtpd.handlers.Mailbox', join(maildir, 'Maildir')], { stdio: 'ignore' });
  await new Promise((r) => setTimeout(r, 500));
  server = await startServer(undefined, ['--smtp-url', `smtp://127.0.0.1:${port}`]);
  browser = await chromium.launch(CHROMIUM_OPTIONS);
});

after(async () => {
  await browser?.close();
  await server?.stop();
  smtp?.kill();
  rmSync(maildir, { recursive: true, force: true });
});

async function waitForMail() {
  for (let i = 0; i < 100; i++) {
    let files = [];
    try { files = readdirSync(join(maildir, 'Maildir', 'new')); } catch { /* not yet */ }
    if (files.length) return readFileSync(join(maildir, 'Maildir', 'new', files[0]), 'utf8');
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
