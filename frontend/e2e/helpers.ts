import { deflateSync } from 'node:zlib';
import { mkdirSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { expect, type Page, type TestInfo } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';

export const RESULTS_DIR = new URL('../e2e-results/', import.meta.url).pathname;

/** Only the app under test may be reached: any other host is refused. */
export async function blockExternalRequests(page: Page): Promise<void> {
  await page.context().route('**/*', (route) => {
    const url = new URL(route.request().url());
    if (url.protocol === 'blob:' || url.protocol === 'data:' || url.hostname === '127.0.0.1') return route.continue();
    return route.abort('blockedbyclient');
  });
}

/** Fills the new-campaign form with a logo and `photos` generated photos, and uploads it. */
export async function createCampaign(page: Page, name: string, photos = 3): Promise<void> {
  await page.goto('/campaigns/new');
  await expect(page.getByRole('heading', { name: 'New campaign' })).toBeVisible();
  await page.getByLabel('Campaign name').fill(name);
  await page.getByLabel('Advertiser name').fill('Smith & Sons Auctioneers');
  await page.getByLabel('About the auction').fill('Farm equipment and tools, 120 lots. Bidding closes Saturday 6 pm. Pickup in Ames.');
  await page.getByLabel('Logo').setInputFiles(files.logo());
  if (photos) await page.getByLabel('Photos').setInputFiles(Array.from({ length: photos }, (_, i) => files.photo(i + 1)));
  await page.getByRole('button', { name: 'Upload and continue' }).click();
  await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
}

/** Saves a full-page screenshot and fails on serious or critical axe violations. */
export async function checkScreen(page: Page, testInfo: TestInfo, name: string): Promise<void> {
  const dir = `${RESULTS_DIR}screens/${testInfo.project.name}`;
  mkdirSync(dir, { recursive: true });
  await page.screenshot({ path: `${dir}/${name}.png`, fullPage: true });
  // The email inside the preview iframe is the backend's output, checked by its own proof warnings;
  // here we hold the app's own screens to the standard.
  const results = await new AxeBuilder({ page }).exclude('iframe').withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  const bad = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  const summary = bad.map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  expect(summary, `axe violations on ${name}`).toEqual([]);
}

/**
 * Signs in when the server has accounts (does nothing when it doesn't). With `signUp`, creates a
 * fresh advertiser account through the sign-up screen first; otherwise uses the first admin.
 */
// The admin's token, reused by later tests: sign-in is rate limited (10/minute), and the screen is
// already covered by the first test.
let adminToken: string | null = null;

export async function signInIfNeeded(page: Page, testInfo: TestInfo, opts: { signUp?: boolean } = {}): Promise<void> {
  if (adminToken && !opts.signUp) {
    await page.addInitScript((token) => window.localStorage.setItem('hibid.token', token), adminToken);
  }
  await page.goto('/');
  const heading = page.getByRole('heading', { level: 1 });
  await expect(heading).toBeVisible();
  if ((await heading.textContent())?.trim() !== 'Sign in') return;
  await checkScreen(page, testInfo, '00-sign-in');
  if (opts.signUp) {
    await page.getByRole('link', { name: 'Create an account' }).click();
    await expect(page.getByRole('heading', { name: 'Create your account' })).toBeVisible();
    await page.getByLabel('Email').fill(`advertiser-${testInfo.project.name}-${Date.now()}@example.com`);
    await page.getByLabel(/^Password/).fill('a long enough passphrase');
    await checkScreen(page, testInfo, '00-sign-up');
    await page.getByRole('button', { name: 'Create account' }).click();
  } else {
    await page.getByLabel('Email').fill(process.env.E2E_EMAIL ?? 'admin@example.com');
    await page.getByLabel('Password').fill(process.env.E2E_PASSWORD ?? 'change-me-dev-password');
    await page.getByRole('button', { name: 'Sign in' }).click();
  }
  await expect(page.getByRole('heading', { name: 'Your campaigns' })).toBeVisible();
  if (!opts.signUp) adminToken = await page.evaluate(() => window.localStorage.getItem('hibid.token'));
}

// --- test images made in code -------------------------------------------------------------

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(buf: Buffer): number {
  let c = 0xffffffff;
  for (const b of buf) c = CRC_TABLE[(c ^ b) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}

/** A real RGB PNG: a diagonal gradient in the given base colour. */
export function makePng(width: number, height: number, [r, g, b]: [number, number, number]): Buffer {
  const rows: Buffer[] = [];
  for (let y = 0; y < height; y++) {
    const row = Buffer.alloc(1 + width * 3);
    for (let x = 0; x < width; x++) {
      const shade = Math.round(((x + y) / (width + height)) * 80);
      row[1 + x * 3] = Math.min(255, r + shade);
      row[2 + x * 3] = Math.min(255, g + shade);
      row[3 + x * 3] = Math.min(255, b + shade);
    }
    rows.push(row);
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 2; // RGB
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(Buffer.concat(rows))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

export const files = {
  logo: () => ({ name: 'logo.png', mimeType: 'image/png', buffer: makePng(240, 80, [20, 40, 120]) }),
  photo: (n: number) => ({ name: `lot-${n}.png`, mimeType: 'image/png', buffer: makePng(600, 400, [[150, 60, 30], [40, 120, 60], [90, 90, 140]][n % 3] as [number, number, number]) }),
  oversize: () => ({ name: 'huge-photo.jpg', mimeType: 'image/jpeg', buffer: randomBytes(5 * 1024 * 1024 + 512) }),
  notAnImage: () => ({ name: 'fake-logo.png', mimeType: 'image/png', buffer: randomBytes(4096) }),
};
