// Every page type through html-validate (its recommended rules, but the
// upper-case DOCTYPE preference) and the W3C's Nu HTML checker (npm vnu-jar
// with Debian's Java): the reader's pages of a site with pages, embeds, code
// and non-Latin sections, and the admin's screens (issue #13's quality bar:
// 0 errors on every page type).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync, mkdtempSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { execFileSync, spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { HtmlValidate } from 'html-validate';
import { startServer, demoBundleWith, ROOT } from './server.mjs';

const BIN = process.env.NEWSDESK_BIN || join(ROOT, 'build', 'newsdesk');
const PASSWORD = 'a long enough password';
const validator = new HtmlValidate({ extends: ['html-validate:recommended'], rules: {
  'doctype-style': 'off',
  // Check boxes sharing a name are one multiple choice (the list's bulk selection).
  'form-dup-name': ['error', { shared: ['radio', 'button', 'reset', 'submit', 'checkbox'] }],
} });
let server;
const pagesDir = mkdtempSync(join(tmpdir(), 'valid-pages-'));
const saved = [];  // [file, path] of every page checked, for the Nu checker

before(async () => {
  const bundle = demoBundleWith((seed) => {
    seed.pages = [{ slug: 'about', title: 'About us', body: 'A newsroom.\n\nhttps://www.youtube.com/watch?v=dQw4w9WgXcQ' }];
  });
  server = await startServer([bundle, join(ROOT, 'tests', 'fixtures', 'wordpress', 'newsroom.xml')]);
  execFileSync(BIN, ['--db', server.db, 'user', 'add', '--email', 'valid@example.com', '--name', 'Val Idator',
                     '--role', 'admin'], { input: PASSWORD + '\n', stdio: ['pipe', 'pipe', 'pipe'] });
});

after(async () => {
  await server?.stop();
});

async function assertValid(path, headers = {}) {
  const res = await fetch(server.url + path, { headers, redirect: 'manual' });
  const html = await res.text();
  const file = join(pagesDir, `page-${saved.length}.html`);
  writeFileSync(file, html);
  saved.push([file, path]);
  const report = await validator.validateString(html);
  const problems = report.results.flatMap((r) => r.messages.map((m) => `${m.ruleId} ${m.line}:${m.column} ${m.message}`));
  assert.deepEqual(problems, [], `${path} (${res.status})`);
  return res;
}

test('every public page type is valid HTML', async () => {
  for (const path of ['/', '/page/2', '/columns/back-channel', '/columns/politique', '/columns/',
                      '/authors/laura-rozen', '/authors/', '/tags/syria', '/tags/', '/search', '/search?q=syria',
                      '/articles/us-threatens-to-halt-talks-with-russia-on-syria', '/articles/premier-article',
                      '/articles/' + encodeURIComponent('خبر-فارسی'), '/about', '/a-propos', '/newsletter',
                      '/cookies', '/no-such-page']) {
    await assertValid(path);
  }
});

test('the admin screens are valid HTML', async () => {
  const form = new URLSearchParams({ email: 'valid@example.com', password: PASSWORD });
  const res = await fetch(`${server.url}/admin/sign-in`, { method: 'POST', body: form, redirect: 'manual',
                                                            headers: { 'content-type': 'application/x-www-form-urlencoded' } });
  assert.equal(res.status, 303);
  const cookie = res.headers.get('set-cookie').split(';')[0];
  for (const path of ['/admin', '/admin/articles/new', '/admin/articles/premier-article', '/admin/pages',
                      '/admin/pages/new', '/admin/pages/about', '/admin/media', '/admin/redirects', '/admin/columns',
                      '/admin/settings', '/admin/staff', '/admin/subscribers', '/admin/audit', '/admin/account', '/admin/trash']) {
    await assertValid(path, { cookie });
  }
});

test('the Nu HTML checker finds no error in any of those pages', { skip: !hasJava() && 'no java' }, () => {
  const jar = join(createRequire(import.meta.url).resolve('vnu-jar'), '..', 'build', 'dist', 'vnu.jar');
  assert.ok(saved.length > 30, `pages checked: ${saved.length}`);
  const run = spawnSync('java', ['-jar', jar, '--errors-only', '--format', 'json', ...saved.map(([f]) => f)],
                        { encoding: 'utf8', maxBuffer: 64 << 20 });
  const report = JSON.parse(run.stderr || run.stdout || '{"messages": []}');
  const byFile = new Map(saved);
  const problems = report.messages.map((m) => `${byFile.get(m.url.replace('file:', ''))} ${m.lastLine}: ${m.message}`);
  assert.deepEqual(problems, []);
});

function hasJava() {
  return spawnSync('java', ['-version']).status === 0;
}
