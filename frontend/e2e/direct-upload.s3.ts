// Photos sent straight to S3 from a real browser: an S3-backed backend and moto_server over HTTP,
// started by scripts/suites/e2e-s3.sh (playwright.s3.config.ts runs only this file).
import { expect, test, type Page } from '@playwright/test';
import { blockExternalRequests, files, signInIfNeeded } from './helpers';

const S3 = process.env.E2E_S3_ENDPOINT ?? 'http://127.0.0.1:9000';
const BUCKET = process.env.E2E_S3_BUCKET ?? 'e2e-media';

/** What waits under incoming/ (moto answers an unsigned list). */
async function incoming(): Promise<string[]> {
  const r = await fetch(`${S3}/${BUCKET}?list-type=2&prefix=incoming/`);
  expect(r.status).toBe(200);
  return [...(await r.text()).matchAll(/<Key>([^<]+)<\/Key>/g)].map((m) => m[1]!);
}

/** Every POST the page makes, by where it went. */
function watchPosts(page: Page): { toS3: string[]; toApi: string[] } {
  const seen = { toS3: [] as string[], toApi: [] as string[] };
  page.on('request', (req) => {
    if (req.method() !== 'POST') return;
    const url = new URL(req.url());
    if (req.url().startsWith(S3)) seen.toS3.push(url.pathname);
    else seen.toApi.push(url.pathname);
  });
  return seen;
}

async function fillForm(page: Page, name: string) {
  await page.goto('/campaigns/new');
  await expect(page.getByRole('heading', { name: 'New campaign' })).toBeVisible();
  await page.getByLabel('Campaign name').fill(name);
  await page.getByLabel('Advertiser name').fill('Smith & Sons Auctioneers');
  await page.getByLabel('About the auction').fill('Farm equipment and tools, 120 lots. Bidding closes Saturday 6 pm.');
  await page.getByLabel('Logo').setInputFiles(files.logo());
}

test.beforeEach(async ({ page }) => {
  await blockExternalRequests(page);
});

test('the logo and photos go from the browser to S3, and the campaign shows them', async ({ page }, testInfo) => {
  await signInIfNeeded(page, testInfo);
  const posts = watchPosts(page);
  const before = await incoming();
  await fillForm(page, 'Straight to S3');
  await page.getByLabel('Photos').setInputFiles([files.photo(1), files.photo(2)]);
  await page.getByRole('button', { name: 'Upload and continue' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Straight to S3' })).toBeVisible();
  await expect(page.getByRole('list', { name: 'Uploaded images' }).getByRole('img')).toHaveCount(3);

  expect(posts.toS3).toEqual([`/${BUCKET}`, `/${BUCKET}`, `/${BUCKET}`]);
  expect(posts.toApi).toEqual(['/api/v1/uploads/presign', '/api/v1/upload/direct']); // never the multipart /upload
  expect(await incoming()).toEqual(before); // checked, copied under campaigns/, removed from incoming/
});

test('a non-image that reached the bucket is refused next to the photo and removed', async ({ page }, testInfo) => {
  await signInIfNeeded(page, testInfo);
  const before = await incoming();
  await fillForm(page, 'Not a photo');
  await page.getByLabel('Photos').setInputFiles({ name: 'lot-9.jpg', mimeType: 'image/jpeg', buffer: Buffer.from('<html><script>alert(1)</script></html>'.repeat(40)) });
  await page.getByRole('button', { name: 'Upload and continue' }).click();
  const photos = page.getByRole('alert').filter({ hasText: 'Photo 1 (lot-9.jpg)' });
  await expect(photos).toContainText("Photo 1 (lot-9.jpg) can't be used.");
  await expect(page.getByLabel('Photos', { exact: true })).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByRole('heading', { level: 1, name: 'New campaign' })).toBeVisible();
  expect(await incoming()).toEqual(before);

  // Removing the photo unblocks the upload: the campaign is made from the logo alone.
  await page.getByRole('button', { name: 'Remove lot-9.jpg' }).click();
  await page.getByRole('button', { name: 'Upload and continue' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Not a photo' })).toBeVisible();
  expect(await incoming()).toEqual(before);
});
