// Starts a real `newsdesk serve` with the demo publication on a free loopback port.
import { spawn, execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const BIN = process.env.NEWSDESK_BIN || join(ROOT, 'build', 'newsdesk');

function freePort() {
  return new Promise((ok, fail) => {
    const s = createServer();
    s.on('error', fail);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => ok(port));
    });
  });
}

export async function startServer(bundles = [join(ROOT, 'demo', 'back-channel.json')], extraArgs = []) {
  const dir = mkdtempSync(join(tmpdir(), 'newsdesk-e2e-'));
  const db = join(dir, 'site.db');
  execFileSync(BIN, ['--db', db, 'init'], { stdio: 'pipe' });
  for (const b of bundles) execFileSync(BIN, ['--db', db, 'import', b], { stdio: 'pipe' });
  const port = await freePort();
  const proc = spawn(BIN, ['--db', db, 'serve', '--listen', `127.0.0.1:${port}`, '--no-access-log', ...extraArgs],
                     { stdio: ['ignore', 'ignore', 'pipe'] });
  let log = '';
  proc.stderr.on('data', (d) => { log += d; });
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 200; i++) {
    try {
      const r = await fetch(`${url}/healthz`);
      if (r.ok) break;
    } catch { /* not up yet */ }
    if (proc.exitCode !== null) throw new Error(`server exited: ${log}`);
    await new Promise((r) => setTimeout(r, 50));
  }
  return {
    url, db, dir,
    async stop() {
      proc.kill('SIGTERM');
      await new Promise((r) => (proc.exitCode !== null ? r() : proc.once('exit', r)));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export { freePort };

// The demo bundle as `edit(bundle)` changes it (more articles, pages, column
// order), written to a file of its own for startServer.
export function demoBundleWith(edit) {
  const bundle = JSON.parse(readFileSync(join(ROOT, 'demo', 'back-channel.json'), 'utf8'));
  edit(bundle);
  const path = join(mkdtempSync(join(tmpdir(), 'newsdesk-bundle-')), 'bundle.json');
  writeFileSync(path, JSON.stringify(bundle));
  return path;
}

export const CHROMIUM_OPTIONS = {
  executablePath: '/usr/bin/chromium',
  headless: true,
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking',
         '--disable-dev-shm-usage'],
};

// A real SMTP server (aiosmtpd) writing what it receives to a Maildir.
export async function startSmtp() {
  const maildir = mkdtempSync(join(tmpdir(), 'newsdesk-maildir-'));
  const port = await freePort();
  const proc = spawn('/usr/bin/python3', ['-m', 'aiosmtpd', '-n', '-l', `127.0.0.1:${port}`,
                                          '-c', 'aiosmtpd.handlers.Mailbox', join(maildir, 'Maildir')],
                     { stdio: 'ignore' });
  await new Promise((r) => setTimeout(r, 500));
  return {
    url: `smtp://127.0.0.1:${port}`,
    newMail: join(maildir, 'Maildir', 'new'),
    stop() {
      proc.kill();
      rmSync(maildir, { recursive: true, force: true });
    },
  };
}

// Fails unless the page at `path` has no serious or critical axe-core
// violation and is no wider than the viewport (a phone's, 375 px).
export async function assertAccessible(page, path, axeSource) {
  const { deepEqual, ok } = await import('node:assert/strict');
  await page.addScriptTag({ content: axeSource });
  const result = await page.evaluate(async () => await window.axe.run(document, { resultTypes: ['violations'] }));
  const bad = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  deepEqual(bad.map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(' ')}`), [], path);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  ok(overflow <= 0, `${path} is ${overflow}px wider than a phone`);
}
