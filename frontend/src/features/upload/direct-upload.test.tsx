import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { setToken } from '@/lib/auth-token';
import { json, mockApi, problem, type MockRequest, type Route } from '@/test/api-mock';
import { makeCampaign } from '@/test/fixtures';
import { renderApp } from '@/test/render';
import { s3Refusal } from './api/direct-upload';

const BUCKET = 'https://hibid-media.s3.amazonaws.com/';
const MB = 1_048_576;

function image(name: string, type = 'image/png', size = 2048): File {
  return new File([new Uint8Array(size)], name, { type });
}

const S3_OPTIONS = { direct: true, max_bytes: 5 * MB, max_photos: 3, types: ['image/jpeg', 'image/png', 'image/gif', 'image/webp'] };

type PresignBody = { files: { field: string; filename: string; content_type: string; size: number }[] };

/** The API of an S3-backed server: options say direct, presign hands out one form per file. */
function s3Api(extra: Route[] = []) {
  let round = 0;
  return mockApi([
    { method: 'GET', path: '/api/v1/auth/me', reply: json(200, { id: 1, email: 'ann@example.com' }) },
    { method: 'GET', path: '/api/v1/uploads/options', reply: json(200, S3_OPTIONS) },
    {
      method: 'POST',
      path: '/api/v1/uploads/presign',
      reply: (req: MockRequest) => {
        round += 1;
        const { files } = req.body as PresignBody;
        return json(200, {
          expires_in_s: 600,
          uploads: files.map((f, i) => ({
            field: f.field,
            filename: f.filename,
            key: `incoming/u1/r${round}f${i}.${f.content_type.split('/')[1]}`,
            url: BUCKET,
            fields: { 'Content-Type': f.content_type, key: `incoming/u1/r${round}f${i}.${f.content_type.split('/')[1]}`, policy: 'cG9saWN5', 'x-amz-signature': 'sig' },
          })),
        });
      },
    },
    { method: 'POST', path: '/api/v1/upload/direct', reply: json(201, makeCampaign()) },
    { method: 'GET', path: '/api/v1/campaigns/c1', reply: json(200, makeCampaign()) },
    ...extra,
  ]);
}

type Answer = { status: number; body?: string } | 'network-error' | 'hang';

/** XMLHttpRequest as S3 (and the multipart API) would answer: half the bytes, then `answer(url, form)`. */
function mockXhrs(answer: (url: string, form: FormData) => Answer = () => ({ status: 204 })) {
  const sent: { url: string; form: FormData; headers: Record<string, string>; aborted: boolean }[] = [];
  class FakeXhr {
    upload: { onprogress: ((e: ProgressEvent) => void) | null } = { onprogress: null };
    onload: (() => void) | null = null;
    onerror: (() => void) | null = null;
    onabort: (() => void) | null = null;
    status = 0;
    responseText = '';
    private record = { url: '', form: new FormData(), headers: {} as Record<string, string>, aborted: false };
    open(_method: string, url: string) {
      this.record.url = url;
    }
    setRequestHeader(k: string, v: string) {
      this.record.headers[k] = v;
    }
    abort() {
      this.record.aborted = true;
      this.onabort?.();
    }
    send(form: FormData) {
      this.record.form = form;
      sent.push(this.record);
      setTimeout(() => {
        if (this.record.aborted) return;
        const file = form.get('file');
        const size = file instanceof File ? file.size : 100;
        this.upload.onprogress?.({ lengthComputable: true, loaded: size / 2, total: size } as ProgressEvent);
        const reply = answer(this.record.url, form);
        if (reply === 'hang') return;
        if (reply === 'network-error') {
          this.onerror?.();
          return;
        }
        this.status = reply.status;
        this.responseText = reply.body ?? '';
        this.onload?.();
      }, 0);
    }
  }
  vi.stubGlobal('XMLHttpRequest', FakeXhr);
  return { sent, toS3: () => sent.filter((s) => s.url === BUCKET) };
}

const tooLarge = (max: number) =>
  `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>EntityTooLarge</Code><Message>Your proposed upload exceeds the maximum allowed size</Message><ProposedSize>3145728</ProposedSize><MaxSizeAllowed>${max}</MaxSizeAllowed><RequestId>R1</RequestId></Error>`;

async function fillAndPick(photos: File[]) {
  const user = userEvent.setup({ applyAccept: false }); // a file with no type, as some systems pick
  renderApp('/campaigns/new');
  await screen.findByRole('heading', { name: 'New campaign' });
  await user.type(screen.getByLabelText('Campaign name'), 'Winter Estate Auction');
  await user.type(screen.getByLabelText('Advertiser name'), 'Smith & Sons');
  await user.type(screen.getByLabelText('About the auction'), 'Over 300 lots.');
  await user.upload(screen.getByLabelText('Logo'), image('logo.png'));
  if (photos.length) await user.upload(screen.getByLabelText('Photos'), photos);
  return user;
}

describe('new campaign with S3 storage: photos go straight to the bucket', () => {
  it('presigns, sends each file to S3 without the API token, then creates the campaign from the keys', async () => {
    setToken('tok-1');
    const api = s3Api();
    const xhr = mockXhrs();
    const user = await fillAndPick([image('a.jpg', 'image/jpeg', 3000), image('b.webp', '', 1000)]);
    await user.type(screen.getByLabelText('Button link (optional)'), 'https://hibid.com/catalog/1');
    await user.click(screen.getByRole('button', { name: 'Upload and continue' }));
    expect(await screen.findByRole('heading', { name: 'Winter Estate Auction' })).toBeInTheDocument();

    const presign = api.callsTo('POST', '/api/v1/uploads/presign');
    expect(presign).toHaveLength(1);
    expect((presign[0]!.body as PresignBody).files).toEqual([
      { field: 'logo', filename: 'logo.png', content_type: 'image/png', size: 2048 },
      { field: 'hero_images', filename: 'a.jpg', content_type: 'image/jpeg', size: 3000 },
      { field: 'hero_images', filename: 'b.webp', content_type: 'image/webp', size: 1000 }, // typed by its extension
    ]);
    const toS3 = xhr.toS3();
    expect(toS3).toHaveLength(3);
    for (const s of toS3) {
      expect(s.headers).toEqual({}); // no Authorization (S3 would refuse two signatures), no preflight
      const keys = [...s.form.keys()];
      expect(keys.at(-1)).toBe('file'); // S3 reads the policy fields before the file
      expect(keys.slice(0, -1)).toEqual(['Content-Type', 'key', 'policy', 'x-amz-signature']);
    }
    expect((toS3[1]!.form.get('file') as File).name).toBe('a.jpg');
    expect(xhr.sent.some((s) => s.url === '/api/v1/upload')).toBe(false); // the API never carried the bytes

    const direct = api.callsTo('POST', '/api/v1/upload/direct');
    expect(direct[0]!.headers.get('authorization')).toBe('Bearer tok-1');
    expect(direct[0]!.body).toEqual({
      campaign_name: 'Winter Estate Auction',
      advertiser_name: 'Smith & Sons',
      text_content: 'Over 300 lots.',
      cta_url: 'https://hibid.com/catalog/1',
      tone: null,
      postal_address: null,
      logo: { key: 'incoming/u1/r1f0.png', filename: 'logo.png' },
      hero_images: [
        { key: 'incoming/u1/r1f1.jpeg', filename: 'a.jpg' },
        { key: 'incoming/u1/r1f2.webp', filename: 'b.webp' },
      ],
    });
    expect(api.callsTo('GET', '/api/v1/uploads/options')).toHaveLength(1);
  });

  it('shows one progress bar over all the bytes sent to S3', async () => {
    s3Api();
    // The logo (2048 B) arrives; the photo (6144 B) stops at half: (2048 + 3072) / 8192 = 63%.
    mockXhrs((_url, form) => (String(form.get('key')).endsWith('f0.png') ? { status: 204 } : 'hang'));
    const user = await fillAndPick([image('a.jpg', 'image/jpeg', 6144)]);
    await user.click(screen.getByRole('button', { name: 'Upload and continue' }));
    const bar = await screen.findByRole('progressbar', { name: 'Uploading… 63%' });
    expect(bar).toHaveAttribute('value', '63');
    expect(screen.getByLabelText('Campaign name')).toBeDisabled();
  });

  it("turns S3's size refusal into the server's sentence next to that photo, never XML, and stops the other uploads", async () => {
    const api = s3Api();
    const xhr = mockXhrs((_url, form) => {
      const key = String(form.get('key'));
      if (key.endsWith('f1.jpeg')) return { status: 400, body: tooLarge(2 * MB) };
      return key.endsWith('f2.jpeg') ? 'hang' : { status: 204 };
    });
    const user = await fillAndPick([image('big.jpg', 'image/jpeg', 3 * MB), image('slow.jpg', 'image/jpeg')]);
    await user.click(screen.getByRole('button', { name: 'Upload and continue' }));

    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Photo 1 (big.jpg) is 3.0 MB; each file may be at most 2 MB.');
    expect(document.body).not.toHaveTextContent('EntityTooLarge');
    expect(document.body).not.toHaveTextContent('<Error>');
    expect(screen.getByLabelText('Photos')).toHaveAttribute('aria-invalid', 'true');
    expect(xhr.toS3().find((s) => String(s.form.get('key')).endsWith('f2.jpeg'))?.aborted).toBe(true);
    expect(api.callsTo('POST', '/api/v1/upload/direct')).toHaveLength(0);
    // Submit stays blocked until the photo is removed or replaced.
    await user.click(screen.getByRole('button', { name: 'Upload and continue' }));
    expect(screen.getByText('Remove or replace the picture marked above before uploading.')).toBeInTheDocument();
    expect(api.callsTo('POST', '/api/v1/uploads/presign')).toHaveLength(1);
  });

  it('puts the check of a non-image after upload next to the photo, as with multipart', async () => {
    s3Api([
      {
        method: 'POST',
        path: '/api/v1/upload/direct',
        reply: problem(415, 'unsupported_media_type', 'hero_images[1] (fake.jpg): this file is not an image we can read.'),
      },
    ]);
    mockXhrs();
    const user = await fillAndPick([image('a.jpg', 'image/jpeg'), image('fake.jpg', 'image/jpeg')]);
    await user.click(screen.getByRole('button', { name: 'Upload and continue' }));
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent("Photo 2 (fake.jpg) can't be used. This file is not an image we can read.");
    expect(alert).not.toHaveTextContent('hero_images');
  });

  it("puts the API's refusal of a detail under that field", async () => {
    s3Api([
      { method: 'POST', path: '/api/v1/upload/direct', reply: problem(422, 'validation_error', 'campaign_name contains a control character (U+0007 BELL) that can\'t be shown; remove it.') },
    ]);
    mockXhrs();
    const user = await fillAndPick([]);
    await user.click(screen.getByRole('button', { name: 'Upload and continue' }));
    expect(await screen.findByText("Contains a control character (U+0007 BELL) that can't be shown; remove it.")).toBeInTheDocument();
    expect(screen.getByLabelText('Campaign name')).toHaveAttribute('aria-invalid', 'true');
    expect(screen.queryByText('The upload did not go through.')).not.toBeInTheDocument();
  });

  it('sends the same files multipart when S3 answers nothing (CORS or CSP), and later uploads go there directly', async () => {
    const api = s3Api();
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const xhr = mockXhrs((url) => (url === BUCKET ? 'network-error' : { status: 201, body: JSON.stringify(makeCampaign()) }));
    const user = await fillAndPick([image('a.jpg', 'image/jpeg')]);
    await user.click(screen.getByRole('button', { name: 'Upload and continue' }));
    expect(await screen.findByRole('heading', { name: 'Winter Estate Auction' })).toBeInTheDocument();
    expect(xhr.sent.filter((s) => s.url === '/api/v1/upload')).toHaveLength(1);
    expect((xhr.sent.find((s) => s.url === '/api/v1/upload')!.form.get('logo') as File).name).toBe('logo.png');
    expect(warn).toHaveBeenCalledWith(expect.stringContaining('CORS'));

    // The next campaign in this session spends no presign or S3 attempt.
    await user.click(screen.getByRole('link', { name: 'New campaign' }));
    // The app moves focus to the new page's heading a frame after navigating; typing before that lands there.
    const heading = await screen.findByRole('heading', { name: 'New campaign' });
    await waitFor(() => expect(heading).toHaveFocus());
    await user.type(screen.getByLabelText('Campaign name'), 'Spring Sale');
    await user.type(screen.getByLabelText('Advertiser name'), 'Smith & Sons');
    await user.upload(screen.getByLabelText('Logo'), image('logo2.png'));
    const before = xhr.toS3().length;
    await user.click(screen.getByRole('button', { name: 'Upload and continue' }));
    await screen.findByRole('heading', { name: 'Winter Estate Auction' });
    expect(xhr.sent.filter((s) => s.url === '/api/v1/upload')).toHaveLength(2);
    expect(xhr.toS3()).toHaveLength(before);
    expect(api.callsTo('POST', '/api/v1/uploads/presign')).toHaveLength(1);
    expect(api.callsTo('GET', '/api/v1/uploads/options')).toHaveLength(1);
  });

  it('offers a retry when neither S3 nor the API can be reached, and the retry asks for fresh forms', async () => {
    const api = s3Api();
    let offline = true;
    mockXhrs(() => (offline ? 'network-error' : { status: 204 }));
    const user = await fillAndPick([image('a.jpg', 'image/jpeg')]);
    await user.click(screen.getByRole('button', { name: 'Upload and continue' }));
    expect(await screen.findByText('Could not reach the server. Check your connection and try again.')).toBeInTheDocument();

    offline = false;
    await user.click(screen.getByRole('button', { name: 'Try again' }));
    expect(await screen.findByRole('heading', { name: 'Winter Estate Auction' })).toBeInTheDocument();
    expect(api.callsTo('POST', '/api/v1/uploads/presign')).toHaveLength(2);
    const keys = (api.callsTo('POST', '/api/v1/upload/direct')[0]!.body as { logo: { key: string } }).logo.key;
    expect(keys).toBe('incoming/u1/r2f0.png');
  });
});

describe('new campaign with local storage', () => {
  it('sends the files multipart to the API when the options say so, asking for no presigned forms', async () => {
    const api = mockApi([
      { method: 'GET', path: '/api/v1/uploads/options', reply: json(200, { ...S3_OPTIONS, direct: false }) },
      { method: 'GET', path: '/api/v1/campaigns/c1', reply: json(200, makeCampaign()) },
    ]);
    const xhr = mockXhrs(() => ({ status: 201, body: JSON.stringify(makeCampaign()) }));
    const user = await fillAndPick([image('a.jpg', 'image/jpeg')]);
    await user.click(screen.getByRole('button', { name: 'Upload and continue' }));
    expect(await screen.findByRole('heading', { name: 'Winter Estate Auction' })).toBeInTheDocument();
    expect(xhr.sent.map((s) => s.url)).toEqual(['/api/v1/upload']);
    expect(xhr.sent[0]!.form.getAll('hero_images').map((f) => (f as File).name)).toEqual(['a.jpg']);
    expect(api.callsTo('POST', '/api/v1/uploads/presign')).toHaveLength(0);
  });

  it("checks pictures against the server's own limits (MAX_UPLOAD_MB, photos per campaign) before sending", async () => {
    mockApi([{ method: 'GET', path: '/api/v1/uploads/options', reply: json(200, { ...S3_OPTIONS, direct: false, max_bytes: 2 * MB, max_photos: 2 }) }]);
    const xhr = mockXhrs(() => ({ status: 201, body: JSON.stringify(makeCampaign()) }));
    const user = await fillAndPick([]);
    expect(await screen.findByText('Up to 2 photos of the lots. JPEG, PNG, GIF or WebP, up to 2 MB each.')).toBeInTheDocument();
    await user.upload(screen.getByLabelText('Photos'), [image('big.jpg', 'image/jpeg', 3 * MB), image('a.jpg', 'image/jpeg'), image('b.jpg', 'image/jpeg'), image('c.jpg', 'image/jpeg')]);
    expect(screen.getByText('big.jpg is larger than 2 MB. Choose a smaller image.')).toBeInTheDocument();
    expect(screen.getByText('You can add up to 2 photos; c.jpg was not added.')).toBeInTheDocument();
    expect(xhr.sent).toHaveLength(0);
  });

  it("puts a 422 about a detail under that field on the multipart path too", async () => {
    mockApi([{ method: 'GET', path: '/api/v1/uploads/options', reply: json(200, { ...S3_OPTIONS, direct: false }) }]);
    mockXhrs(() => ({ status: 422, body: JSON.stringify({ detail: 'Invalid input — advertiser_name: Field required', code: 'validation_error' }) }));
    const user = await fillAndPick([]);
    await user.click(screen.getByRole('button', { name: 'Upload and continue' }));
    expect(await screen.findByText('Enter the advertiser name.')).toBeInTheDocument();
    expect(screen.getByLabelText('Advertiser name')).toHaveAttribute('aria-invalid', 'true');
  });

  it('falls back to multipart when the API cannot say how to upload', async () => {
    const api = mockApi([
      { method: 'GET', path: '/api/v1/uploads/options', reply: problem(404, 'not_found', 'Not Found') },
      { method: 'GET', path: '/api/v1/campaigns/c1', reply: json(200, makeCampaign()) },
    ]);
    const xhr = mockXhrs(() => ({ status: 201, body: JSON.stringify(makeCampaign()) }));
    const user = await fillAndPick([]);
    await user.click(screen.getByRole('button', { name: 'Upload and continue' }));
    expect(await screen.findByRole('heading', { name: 'Winter Estate Auction' })).toBeInTheDocument();
    expect(xhr.sent.map((s) => s.url)).toEqual(['/api/v1/upload']);
    expect(api.callsTo('POST', '/api/v1/uploads/presign')).toHaveLength(0);
  });
});

describe("S3's answers in the user's words", () => {
  const sent = { field: 'hero_images[0]', file: image('lot.jpg', 'image/jpeg', 6 * MB) };

  it('reads a policy refusal as too large, an expired form as worth a retry, and never shows XML', () => {
    const policy = '<Error><Code>AccessDenied</Code><Message>Invalid according to Policy: Policy Condition failed: ["content-length-range", 1, 5242880]</Message></Error>';
    expect(s3Refusal(403, policy, sent).detail).toBe('hero_images[0] (lot.jpg) is 6.0 MB; each file may be at most 5 MB.');
    const expired = s3Refusal(403, '<Error><Code>AccessDenied</Code><Message>Invalid according to Policy: Policy expired.</Message></Error>', sent);
    expect(expired.retryable).toBe(true);
    expect(expired.detail).toBe('The upload took too long and had to stop. Try again.');
    const busy = s3Refusal(503, '<Error><Code>SlowDown</Code><Message>Please reduce your request rate.</Message></Error>', sent);
    expect(busy.retryable).toBe(true);
    expect(busy.detail).not.toMatch(/<|SlowDown/);
    expect(s3Refusal(400, '<Error><Code>EntityTooSmall</Code></Error>', sent).detail).toBe('hero_images[0] (lot.jpg) is empty.');
  });
});
