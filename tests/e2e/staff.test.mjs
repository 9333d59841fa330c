// Running the newsroom from the admin in a real browser: an invitation
// emailed through a real SMTP server (aiosmtpd) and accepted, a role changed,
// an account deactivated while signed in elsewhere, a password reset by
// email, the publication renamed without a restart, and the admin-only
// screens checked with axe-core at a phone's width.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { createHmac } from 'node:crypto';
import { chromium } from 'playwright-core';
import { startServer, startSmtp, assertAccessible, CHROMIUM_OPTIONS, ROOT } from './server.mjs';

const BIN = process.env.NEWSDESK_BIN || join(ROOT, 'build', 'newsdesk');
const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const PASSWORD = 'a long enough password';
let smtp;
let server;
let browser;

function addUser(email, name, role) {
  execFileSync(BIN, ['--db', server.db, 'user', 'add', '--email', email, '--name', name, '--role', role],
               { input: PASSWORD + '\n', stdio: ['pipe', 'pipe', 'pipe'] });
}

before(async () => {
  smtp = await startSmtp();
  server = await startServer(undefined, ['--smtp-url', smtp.url]);
  addUser('chief@example.com', 'Chief Admin', 'admin');
  browser = await chromium.launch(CHROMIUM_OPTIONS);
});

after(async () => {
  await browser?.close();
  await server?.stop();
  smtp?.stop();
});

// The text of the newest email to `to`, decoded.
async function mailTo(to, count = 1) {
  for (let i = 0; i < 150; i++) {
    let found = [];
    try {
      const dir = smtp.newMail;
      found = readdirSync(dir).map((f) => readFileSync(join(dir, f), 'utf8'))
        .filter((m) => m.match(new RegExp(`^X-RcptTo: ${to}`, 'm')));
    } catch { /* not yet */ }
    if (found.length >= count) {
      const mail = found.sort((a, b) => a.length - b.length).at(-1);
      const part = mail.split('Content-Transfer-Encoding: base64')[1].split('--')[0].replace(/\s/g, '');
      return Buffer.from(part, 'base64').toString('utf8');
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`no email to ${to} arrived`);
}

function linkIn(text) {
  const m = text.match(/http:\/\/[^\s]+\/admin\/(invitations|password-reset)\/[A-Za-z0-9_-]+/);
  assert.ok(m, text);
  return new URL(m[0]).pathname;
}

async function signedIn(email, password = PASSWORD, options = {}) {
  const context = await browser.newContext(options);
  const page = await context.newPage();
  await page.goto(`${server.url}/admin/sign-in`);
  await page.fill('#email', email);
  await page.fill('#password', password);
  await Promise.all([page.waitForNavigation(), page.click('button:has-text("Sign in")')]);
  assert.equal(new URL(page.url()).pathname, '/admin', await page.content());
  return { context, page };
}

async function submit(page, locator) {
  await Promise.all([page.waitForNavigation(), page.locator(locator).click()]);
}

test('invite by email, accept, sign in; then change the role', async () => {
  const { context, page } = await signedIn('chief@example.com');
  await page.click('nav >> text=Staff');
  const invite = page.getByRole('form', { name: 'Invite someone' });
  await invite.getByLabel('Email').fill('newcomer@example.com');
  await invite.getByLabel('Role').selectOption('author');
  await invite.getByLabel('Byline').selectOption('laura-rozen');
  await submit(page, 'button:has-text("Send invitation")');
  assert.match(await page.locator('[role=status]').innerText(), /Invitation emailed to newcomer@example.com/);
  assert.match(await page.locator('table', { hasText: 'Invited by' }).innerText(), /newcomer@example.com/);

  const link = linkIn(await mailTo('newcomer@example.com'));
  const guest = await browser.newContext();
  const join = await guest.newPage();
  await join.goto(server.url + link);
  assert.match(await join.locator('main').innerText(), /invited as author/);
  await join.getByLabel('Your name').fill('New Comer');
  await join.getByLabel('Password (at least 10 characters)').fill('newcomer password');
  await join.getByLabel('The password again').fill('newcomer password');
  await submit(join, 'button:has-text("Create my account")');
  assert.equal(new URL(join.url()).pathname, '/admin');
  await join.goto(`${server.url}/admin/account`);
  assert.match(await join.locator('main').innerText(), /Signed in as newcomer@example.com/);
  await join.goto(server.url + link);  // used once
  assert.match(await join.locator('main').innerText(), /has been used, has expired/);

  // The admin makes them an editor, with the keyboard.
  await page.goto(`${server.url}/admin/staff`);
  const role = page.getByLabel('Role of New Comer', { exact: true });
  await role.focus();
  await role.selectOption('editor');
  await page.keyboard.press('Tab');
  await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
  assert.match(await page.locator('[role=status]').innerText(), /newcomer@example.com is now editor/);
  await join.goto(`${server.url}/admin`);
  assert.match(await join.locator('.admin-session').innerText(), /\(editor\)/);
  await guest.close();
  await context.close();
});

test('deactivating an account signs it out everywhere at once', async () => {
  addUser('leaving@example.com', 'Leaving Soon', 'editor');
  const leaver = await signedIn('leaving@example.com');
  const { context, page } = await signedIn('chief@example.com');
  await page.goto(`${server.url}/admin/staff`);
  await submit(page, 'button[aria-label="Deactivate Leaving Soon"]');
  assert.match(await page.locator('[role=status]').innerText(), /deactivated/);
  await leaver.page.goto(`${server.url}/admin`);
  assert.equal(new URL(leaver.page.url()).pathname, '/admin/sign-in');
  await leaver.page.fill('#email', 'leaving@example.com');
  await leaver.page.fill('#password', PASSWORD);
  await submit(leaver.page, 'button:has-text("Sign in")');
  assert.match(await leaver.page.locator('[role=alert]').innerText(), /do not match/);
  await leaver.context.close();
  await context.close();
});

test('password reset by email', async () => {
  addUser('forgot@example.com', 'For Got', 'author');
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`${server.url}/admin/sign-in`);
  await submit(page, 'text=Forgot your password?');
  await page.getByLabel('Email').fill('forgot@example.com');
  await submit(page, 'button:has-text("Email me a link")');
  assert.match(await page.locator('[role=status]').innerText(), /If that address has an account here/);
  const link = linkIn(await mailTo('forgot@example.com'));
  await page.goto(server.url + link);
  await page.getByLabel('New password (at least 10 characters)').fill('brand new password');
  await page.getByLabel('The password again').fill('brand new password');
  await submit(page, 'button:has-text("Set the password")');
  assert.equal(new URL(page.url()).pathname, '/admin');
  await context.close();
  (await signedIn('forgot@example.com', 'brand new password')).context.close();
});

test('renaming the publication shows on every page without a restart', async () => {
  const { context, page } = await signedIn('chief@example.com');
  const reader = await (await browser.newContext()).newPage();
  await reader.goto(`${server.url}/columns/back-channel`);
  assert.match(await reader.title(), /Al-Monitor/);
  await page.click('nav >> text=Settings');
  await page.getByLabel('Publication name').fill('The Monitor');
  await page.getByLabel('Time zone (IANA, such as America/New_York)').fill('Nowhere/Land');
  await submit(page, 'button:has-text("Save settings")');
  assert.match(await page.locator('[role=alert]').innerText(), /timezone: 'Nowhere\/Land' is not a known/);
  await page.getByLabel('Time zone (IANA, such as America/New_York)').fill('Europe/London');
  await submit(page, 'button:has-text("Save settings")');
  assert.match(await page.locator('[role=status]').innerText(), /Saved/);
  for (const path of ['/', '/columns/back-channel', '/newsletter', '/search?q=syria']) {
    await reader.goto(server.url + path);
    assert.match(await reader.title(), /The Monitor/, path);
  }
  await page.click('nav >> text=Audit log');
  assert.match(await page.locator('table').innerText(), /settings\.update/);
  await reader.context().close();
  await context.close();
});

test('staff screens: no serious accessibility violation, usable at 375 px', async () => {
  const { context, page } = await signedIn('chief@example.com', PASSWORD,
                                           { bypassCSP: true, viewport: { width: 375, height: 800 } });
  for (const path of ['/admin/staff', '/admin/account', '/admin/settings', '/admin/audit', '/admin/authors',
                      '/admin/columns?edit=back-channel', '/admin/tags', '/admin/subscribers',
                      '/admin/password-reset']) {
    await page.goto(server.url + path);
    await assertAccessible(page, path, AXE);
  }
  await context.close();
});

test("an author's bio and links, edited in the admin, show on the author page", async () => {
  const { context, page } = await signedIn('chief@example.com');
  await page.click('nav >> text=Authors');
  await Promise.all([page.waitForNavigation(), page.click('a[aria-label="Edit Laura Rozen"]')]);
  assert.equal(await page.getByLabel('Slug (the address: /authors/slug)').getAttribute('readonly'), '');
  await page.getByLabel('Bio').fill('Covers diplomacy from Washington.');
  await page.getByLabel('Links: a website, social profiles (one URL a line)').fill('https://x.com/lrozen');
  await submit(page, 'button:has-text("Save author")');
  assert.match(await page.locator('[role=status]').innerText(), /Laura Rozen is saved/);
  const reader = await (await browser.newContext()).newPage();
  await reader.goto(`${server.url}/authors/laura-rozen`);
  assert.equal(await reader.locator('.listing-intro').innerText(), 'Covers diplomacy from Washington.');
  assert.equal(await reader.locator('a[rel=me]').getAttribute('href'), 'https://x.com/lrozen');
  await reader.context().close();
  await context.close();
});

test('export subscribers as CSV, then erase one for good', async () => {
  const reader = await (await browser.newContext()).newPage();
  await reader.goto(`${server.url}/newsletter`);
  await reader.fill('input[name=email]', 'erase.me@example.com');
  await Promise.all([reader.waitForNavigation(), reader.click('button:has-text("Subscribe")')]);
  const token = (await mailTo('erase.me@example.com')).match(/\/newsletter\/confirm\?token=([A-Za-z0-9_-]+)/)[1];
  await reader.goto(`${server.url}/newsletter/confirm?token=${token}`);
  await Promise.all([reader.waitForNavigation(), reader.click('button:has-text("Confirm my subscription")')]);
  await reader.context().close();

  const { context, page } = await signedIn('chief@example.com');
  await page.click('nav >> text=Subscribers');
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('text=Export all as CSV')]);
  const csv = readFileSync(await download.path(), 'utf8');
  assert.match(csv, /^id,email,state,subscribed_to,since\r\n/);
  assert.match(csv, /,erase\.me@example\.com,confirmed,[^,\r\n]+,2\d{3}-/);

  await page.getByLabel('Address contains').fill('erase.me');
  await submit(page, 'button:has-text("Find")');
  await submit(page, 'a:has-text("erase.me@example.com")');
  assert.match(await page.locator('table').innerText(), /subscribed[\s\S]*confirmed/);
  page.once('dialog', (d) => d.accept());
  await submit(page, 'button:has-text("Erase erase.me@example.com for good")');
  assert.match(await page.locator('[role=status]').innerText(), /is erased/);
  await page.goto(`${server.url}/admin/subscribers?q=erase.me`);
  assert.match(await page.locator('main').innerText(), /0 subscribers matching/);
  await context.close();
});

// RFC 6238 as an authenticator app computes it, from the key the page shows.
function totp(base32, at = Date.now() / 1000) {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = '';
  for (const c of base32) bits += alphabet.indexOf(c).toString(2).padStart(5, '0');
  const key = Buffer.from(bits.match(/.{8}/g).map((b) => parseInt(b, 2)));
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(Math.floor(at / 30)));
  const mac = createHmac('sha1', key).update(counter).digest();
  const offset = mac[mac.length - 1] & 0x0f;
  return String((mac.readUInt32BE(offset) & 0x7fffffff) % 1000000).padStart(6, '0');
}

test('two-factor: enrol with the key, then sign in with a code', async () => {
  addUser('guarded@example.com', 'Guarded Reporter', 'author');
  const { context, page } = await signedIn('guarded@example.com');
  await page.click('nav >> text=Your account');
  await submit(page, 'button:has-text("Set up two-factor")');
  const key = await page.locator('#totp-key').innerText();
  await page.getByLabel('Code from the app').fill(totp(key));
  await submit(page, 'button:has-text("Turn two-factor on")');
  assert.equal(await page.locator('.admin-codes li').count(), 10);
  await context.close();

  // Next step's code, so the enrolment's is not reused.
  await new Promise((r) => setTimeout(r, (30 - (Date.now() / 1000) % 30) * 1000 + 200));
  const fresh = await browser.newContext();
  const login = await fresh.newPage();
  await login.goto(`${server.url}/admin/sign-in`);
  await login.fill('#email', 'guarded@example.com');
  await login.fill('#password', PASSWORD);
  await submit(login, 'button:has-text("Sign in")');
  assert.equal(new URL(login.url()).pathname, '/admin/sign-in');
  await login.getByLabel(/6-digit code/).fill(totp(key));
  await submit(login, 'button:has-text("Sign in")');
  assert.equal(new URL(login.url()).pathname, '/admin');
  await fresh.close();
});
