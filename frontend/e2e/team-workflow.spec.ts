import { expect, test } from '@playwright/test';
import { blockExternalRequests, checkScreen, createCampaign, signInIfNeeded } from './helpers';

test.beforeEach(async ({ page }) => {
  await blockExternalRequests(page);
});

test('live preview, a review link approved by someone without an account, reopen, duplicate, delete with undo', async ({
  page,
  browser,
  context,
}, testInfo) => {
  test.setTimeout(180_000);
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  const name = `Team Sale ${testInfo.project.name} ${Date.now() % 100000}`;
  await signInIfNeeded(page, testInfo);
  await createCampaign(page, name, 1);
  await page.getByRole('button', { name: 'Write the copy and build the proof' }).click();
  await expect(page.getByRole('heading', { name: 'Your decision on proof 1' })).toBeVisible();
  // Under 640 px the proof opens in the phone view.
  const phone = testInfo.project.name === 'mobile-375';
  await expect(page.getByRole('group', { name: 'Preview options' }).getByRole('button', { name: phone ? 'Mobile' : 'Desktop' })).toHaveAttribute(
    'aria-pressed',
    'true',
  );

  // The live preview follows the typing, before anything is saved.
  await page.getByLabel('Headline').fill('Typed live: two days of farm lots');
  const live = page.frameLocator('iframe[title="Live email preview"]');
  await expect(live.getByText('Typed live: two days of farm lots')).toBeVisible();
  await checkScreen(page, testInfo, '20-live-preview');
  await page.getByRole('button', { name: 'Save copy' }).click();
  await expect(page.getByText(/Saved as copy version 2/)).toBeVisible();
  await page.getByRole('button', { name: 'Build the proof' }).click();
  await expect(page.getByRole('heading', { name: 'Your decision on proof 2' })).toBeVisible();

  // A comment pinned to the headline, then a review link copied to the clipboard.
  const comments = page.getByRole('region', { name: 'Comments' });
  await comments.getByLabel('Part of the email').selectOption('headline');
  await comments.getByLabel('Comment').fill('Could the headline name the town?');
  await comments.getByRole('button', { name: 'Add comment' }).click();
  await expect(comments.getByText('Could the headline name the town?')).toBeVisible();
  const share = page.getByRole('region', { name: 'Share for review' });
  await share.getByLabel('Who is it for? (optional)').fill('The owner of the house');
  await share.getByRole('button', { name: 'Make a review link' }).click();
  const url = await share.getByLabel('Review link (shown only now)').inputValue();
  expect(url).toMatch(/\/review\/[A-Za-z0-9_-]{40,}$/);
  await share.getByRole('button', { name: 'Copy link' }).click();
  await expect(share.getByText(/Copied|did not allow copying/)).toBeVisible();
  await checkScreen(page, testInfo, '21-share-link');

  // The reviewer has no account: a fresh browser context, no token.
  const reviewerContext = await browser.newContext({ viewport: page.viewportSize() ?? undefined });
  const reviewer = await reviewerContext.newPage();
  await reviewer.context().route('**/*', (route) =>
    new URL(route.request().url()).hostname === '127.0.0.1' ? route.continue() : route.abort('blockedbyclient'),
  );
  await reviewer.goto(new URL(url).pathname);
  await expect(reviewer.getByRole('heading', { name: `Review: ${name}` })).toBeVisible();
  await expect(reviewer.frameLocator('iframe[title="Proof 2"]').getByText('Typed live: two days of farm lots')).toBeVisible();
  await expect(reviewer.locator('.pin[data-section="headline"]')).toBeVisible();
  await checkScreen(reviewer, testInfo, '22-review-link');
  await reviewer.getByLabel('Your name').fill('Ann Owner');
  await reviewer.getByLabel('Your e-mail').fill('ann@example.com');
  await reviewer.getByRole('radio', { name: 'Approve this proof' }).check();
  await reviewer.getByRole('button', { name: 'Approve proof…' }).click();
  await checkScreen(reviewer, testInfo, '23-review-confirm');
  await reviewer.getByRole('button', { name: 'Yes, approve proof 2' }).click();
  await expect(reviewer.getByText(/your answer was sent/)).toBeVisible();
  await reviewerContext.close();

  // The advertiser sees the reviewer's approval, reopens for a new round and changes the button link.
  await page.reload();
  await expect(page.getByRole('heading', { name: /^Approved/ }).first()).toBeVisible();
  await expect(page.getByRole('region', { name: 'Version history' }).getByText(/Ann Owner/)).toBeVisible();
  await page.getByRole('button', { name: 'Reopen for changes' }).click();
  await expect(page.getByRole('button', { name: 'Build the proof' })).toBeVisible();
  await page.getByText('Details', { exact: true }).click();
  await page.getByLabel('Button link').fill('https://hibid.com/catalog/999');
  await page.getByRole('button', { name: 'Save details' }).click();
  await expect(page.getByText(/Saved. The next proof shows the change/)).toBeVisible();
  await checkScreen(page, testInfo, '24-reopened');
  await page.getByRole('button', { name: 'Build the proof' }).click();
  await expect(page.getByRole('heading', { name: 'Your decision on proof 3' })).toBeVisible();

  // Duplicate without uploading again, then delete the copy with undo.
  await page.getByRole('region', { name: 'Campaign' }).getByRole('button', { name: 'Duplicate' }).click();
  await expect(page.getByRole('heading', { level: 1, name: `${name} (copy)` })).toBeVisible();
  await page.getByRole('region', { name: 'Campaign' }).getByRole('button', { name: 'Delete' }).click();
  await expect(page.getByRole('heading', { name: 'Your campaigns' })).toBeVisible();
  await expect(page.getByText(`“${name} (copy)” deleted.`)).toBeVisible();
  await expect(page.getByRole('link', { name: `${name} (copy)` })).toHaveCount(0);
  await checkScreen(page, testInfo, '25-deleted-undo');
  await page.getByRole('button', { name: 'Undo' }).click();
  await expect(page.getByRole('link', { name: `${name} (copy)` })).toBeVisible();
  await page.getByRole('button', { name: `Delete ${name} (copy)` }).click();
  await expect(page.getByText(`“${name} (copy)” deleted.`)).toBeHidden({ timeout: 15_000 });
  await page.reload();
  await expect(page.getByRole('link', { name, exact: true })).toBeVisible();
  await expect(page.getByRole('link', { name: `${name} (copy)` })).toHaveCount(0);
});
