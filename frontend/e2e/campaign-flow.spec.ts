import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { blockExternalRequests, checkScreen, createCampaign, files, RESULTS_DIR, signInIfNeeded } from './helpers';

test.beforeEach(async ({ page }) => {
  await blockExternalRequests(page);
});

test('an advertiser goes from sign-in to a downloaded ZIP, with one round of changes', async ({ page }, testInfo) => {
  const name = `Winter Estate Auction ${testInfo.project.name}`;
  // Desktop signs in as the first admin; the phone run signs up as a new advertiser.
  await signInIfNeeded(page, testInfo, { signUp: testInfo.project.name === 'mobile-375' });
  await expect(page.getByRole('heading', { name: 'Your campaigns' })).toBeVisible();
  await checkScreen(page, testInfo, '01-campaigns');

  await page.getByRole('main').getByRole('link', { name: /new campaign|create your first campaign/i }).first().click();
  await expect(page.getByRole('heading', { name: 'New campaign' })).toBeVisible();
  await page.getByLabel('Campaign name').fill(name);
  await page.getByLabel('Advertiser name').fill('Smith & Sons Auctioneers');
  await page.getByLabel('About the auction').fill(
    'Our annual winter estate auction: 300 lots of antiques, tools and furniture. Bidding opens Friday 9 am and closes Sunday 7 pm. Pickup Monday in Springfield.',
  );
  await page.getByLabel('Button link (optional)').fill('https://hibid.com/catalog/12345');
  await page.getByLabel('Tone (optional)').selectOption('friendly');
  await page.getByLabel('Logo').setInputFiles(files.logo());
  await page.getByLabel('Photos').setInputFiles([files.photo(1), files.photo(2), files.photo(3)]);
  await expect(page.getByRole('list', { name: 'Photos: chosen files' }).getByRole('listitem')).toHaveCount(3);
  await checkScreen(page, testInfo, '02-new-campaign');

  await page.getByRole('button', { name: 'Upload and continue' }).click();
  await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
  await expect(page.getByRole('list', { name: 'Uploaded images' }).getByRole('img')).toHaveCount(4);
  await checkScreen(page, testInfo, '03-campaign-uploaded');

  // First version: write the copy, build the proof.
  await page.getByRole('button', { name: 'Write the copy and build the proof' }).click();
  await expect(page.getByRole('heading', { name: 'Your decision on proof 1' })).toBeVisible();
  // Under 640 px the proof opens in the phone view.
  const device = testInfo.project.name === 'mobile-375' ? 'mobile' : 'desktop';
  const frame = page.getByTitle(`Email preview, ${device}, light mode`);
  await expect(frame).toBeVisible();
  await expect(page.frameLocator('iframe[title^="Email preview"]').locator('body')).toContainText(/\w/);
  await checkScreen(page, testInfo, '04-proof-1-desktop');

  // The server renders picture proofs with its own browser (the first one starts that browser).
  await page.getByRole('button', { name: 'Picture proof' }).click({ timeout: 45_000 });
  await expect(page.getByRole('img', { name: `Rendered proof on ${device} in light mode` })).toBeVisible();
  await checkScreen(page, testInfo, '04b-picture-proof');
  await page.getByRole('button', { name: 'Live email' }).click();

  await page.getByRole('button', { name: 'Mobile' }).click();
  await page.getByRole('button', { name: 'Dark mode' }).click();
  await expect(page.getByTitle('Email preview, mobile, dark mode')).toBeVisible();
  // The email itself renders in dark mode (its dark rules apply, default colours are dark).
  const emailScheme = await page
    .frameLocator('iframe[title="Email preview, mobile, dark mode"]')
    .locator('html')
    .evaluate((el) => getComputedStyle(el).colorScheme);
  expect(emailScheme).toBe('dark');
  await checkScreen(page, testInfo, '05-proof-1-mobile-dark');

  // Ask for changes on proof 1.
  await page.getByRole('radio', { name: 'Request changes' }).check();
  await page.getByLabel('What should change?').fill('Mention free pickup on Monday and make the headline shorter.');
  await page.getByRole('button', { name: 'Send change request' }).click();
  await expect(page.getByRole('button', { name: 'Rewrite the copy' })).toBeVisible();
  await expect(page.getByText(/You asked for changes on proof 1/)).toBeVisible();
  await checkScreen(page, testInfo, '06-changes-requested');

  // Second version, then approve it.
  await page.getByRole('button', { name: 'Rewrite the copy' }).click();
  // What the rewrite changed is shown before the next proof is built.
  await expect(page.getByRole('heading', { name: 'What the rewrite changed' })).toBeVisible();
  await page.getByRole('button', { name: 'Build the proof' }).click();
  await expect(page.getByRole('heading', { name: 'Your decision on proof 2' })).toBeVisible();
  await expect(page.getByRole('heading', { name: /Preview of proof 2/ })).toBeVisible();
  // Nothing is pre-selected, and approving asks once more.
  await page.getByRole('radio', { name: 'Approve this proof' }).check();
  await page.getByRole('button', { name: 'Approve proof…' }).click();
  await page.getByRole('button', { name: 'Yes, approve proof 2' }).click();
  await expect(page.getByRole('button', { name: 'Download ZIP', exact: true })).toBeVisible();
  const history = page.getByRole('region', { name: 'Version history' });
  await expect(history.getByText(/^Changes requested/)).toBeVisible();
  await expect(history.getByText(/^Approved/)).toBeVisible();
  await checkScreen(page, testInfo, '07-approved');

  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download ZIP', exact: true }).click()]);
  expect(download.suggestedFilename()).toMatch(/\.zip$/);
  const saved = `${RESULTS_DIR}${testInfo.project.name}-${download.suggestedFilename()}`;
  await download.saveAs(saved);
  const zip = readFileSync(saved);
  expect(zip.subarray(0, 2).toString('latin1')).toBe('PK');
  expect(zip.length).toBeGreaterThan(1000);
  await expect(page.getByText(`Downloaded ${download.suggestedFilename()}.`)).toBeVisible();

  // The list shows the approved campaign.
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Campaigns' }).click();
  const row = page.getByRole('listitem').filter({ has: page.getByRole('link', { name }) });
  await expect(row.getByText('Approved')).toBeVisible();
  await checkScreen(page, testInfo, '08-campaigns-after');
});

test('an oversize photo is refused with a visible message, and so is a file that is not an image', async ({ page }, testInfo) => {
  await signInIfNeeded(page, testInfo);
  await page.goto('/campaigns/new');
  await expect(page.getByRole('heading', { name: 'New campaign' })).toBeVisible();

  await page.getByLabel('Photos').setInputFiles(files.oversize());
  await expect(page.getByText('huge-photo.jpg is larger than 5 MB. Choose a smaller image.')).toBeVisible();
  await expect(page.getByRole('list', { name: 'Photos: chosen files' })).toHaveCount(0);
  await checkScreen(page, testInfo, '09-oversize-refused');

  // While a picture could not be used, nothing is uploaded.
  await page.getByLabel('Campaign name').fill('Bad file check');
  await page.getByLabel('Advertiser name').fill('Smith & Sons');
  await page.getByLabel('Logo').setInputFiles(files.logo());
  await page.getByRole('button', { name: 'Upload and continue' }).click();
  await expect(page.getByText('Remove or replace the picture marked above before uploading.')).toBeVisible();
  await expect(page.getByRole('heading', { name: 'New campaign' })).toBeVisible();
  await page.getByRole('button', { name: 'Continue without these files' }).click();

  // The browser can't see inside a file; the server does, and its reason is shown next to the logo.
  await page.getByLabel('Logo', { exact: true }).setInputFiles(files.notAnImage());
  await page.getByRole('button', { name: 'Upload and continue' }).click();
  const alert = page.getByRole('alert').filter({ hasText: "Your logo fake-logo.png can't be used." });
  await expect(alert).toBeVisible();
  await expect(alert).not.toContainText('logo (');
  await checkScreen(page, testInfo, '10-server-refused');
});

test('the advertiser picks another subject line, edits the words and sees them in the next proof', async ({ page }, testInfo) => {
  const name = `Farm Sale ${testInfo.project.name}`;
  await signInIfNeeded(page, testInfo);
  await createCampaign(page, name, 1);
  await page.getByRole('button', { name: 'Write the copy and build the proof' }).click();
  await expect(page.getByRole('heading', { name: 'Your decision on proof 1' })).toBeVisible();

  const chosen = await page.getByLabel('Subject line 2', { exact: true }).inputValue();
  await page.getByRole('radio', { name: 'Send subject line 2' }).check();
  await page.getByLabel('Headline').fill('Last call: 120 farm lots');
  await page.getByLabel('Logo description').fill('Smith & Sons Auctioneers logo');
  const addFact = page.getByRole('button', { name: 'Add a key fact' });
  if (await addFact.isVisible()) await addFact.click();
  const facts = await page.getByLabel(/^Fact \d+ label$/).count();
  await page.getByLabel(`Fact ${facts} label`).fill('Pickup');
  await page.getByLabel(`Fact ${facts} value`).fill('Ames barn, Monday 9–5');
  await checkScreen(page, testInfo, '11-copy-editing');
  await page.getByRole('button', { name: 'Save copy' }).click();
  await expect(page.getByText(/Saved as copy version 2/)).toBeVisible();

  await page.getByRole('button', { name: 'Build the proof' }).click();
  await expect(page.getByRole('heading', { name: 'Your decision on proof 2' })).toBeVisible();
  await expect(page.getByText(`Subject: ${chosen}`)).toBeVisible();
  const email = page.frameLocator('iframe[title^="Email preview"]');
  await expect(email.getByText('Last call: 120 farm lots')).toBeVisible();
  await expect(email.getByText('Ames barn, Monday 9–5')).toBeVisible();
  await expect(email.getByRole('img', { name: 'Smith & Sons Auctioneers logo' })).toBeVisible();
  await expect(page.getByText(/Version 2 · written by you/)).toBeVisible();
});

test('keyboard users skip to the content and reach every control of the new-campaign form', async ({ page }, testInfo) => {
  await signInIfNeeded(page, testInfo);
  await page.goto('/campaigns/new');
  await expect(page.getByRole('heading', { name: 'New campaign' })).toBeVisible();

  await page.keyboard.press('Tab');
  await expect(page.getByRole('link', { name: 'Skip to content' })).toBeFocused();
  await page.keyboard.press('Enter');

  const reached: string[] = [];
  for (let i = 0; i < 20; i++) {
    await page.keyboard.press('Tab');
    const name = await page.evaluate(() => {
      const el = document.activeElement as HTMLElement | null;
      if (!el) return '';
      const labelledBy = el.getAttribute('aria-labelledby');
      if (labelledBy) return document.getElementById(labelledBy)?.textContent?.trim() ?? '';
      const id = el.id;
      const label = id ? document.querySelector(`label[for="${id}"]`)?.textContent?.trim() : '';
      return label || el.textContent?.trim() || '';
    });
    reached.push(name);
    if (name.startsWith('Upload and continue')) break;
  }
  expect(reached).toEqual(
    expect.arrayContaining(['Campaign name', 'Advertiser name', 'About the auction', 'Logo', 'Photos', 'Upload and continue']),
  );
  // The focused drop zone shows where the keyboard is.
  await page.getByLabel('Logo').focus();
  const outline = await page.getByTestId('dropzone-Logo').evaluate((el) => getComputedStyle(el).outlineStyle);
  expect(outline).toBe('solid');
});
