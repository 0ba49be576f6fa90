import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { json, mockApi, mockXhr } from '@/test/api-mock';
import { makeCampaign } from '@/test/fixtures';
import { renderApp } from '@/test/render';
import { acceptFiles, checkImageFile, isHttpUrl } from './api/file-rules';

function image(name: string, type = 'image/png', size = 2048): File {
  return new File([new Uint8Array(size)], name, { type });
}

function setup() {
  // applyAccept: false lets the test drop files the picker would hide, as drag-and-drop can.
  return userEvent.setup({ applyAccept: false });
}

async function fillDetails(user: ReturnType<typeof setup>) {
  await user.type(screen.getByLabelText('Campaign name'), 'Winter Estate Auction');
  await user.type(screen.getByLabelText('Advertiser name'), 'Smith & Sons');
  await user.type(screen.getByLabelText('About the auction'), 'Over 300 lots.');
}

describe('new campaign', () => {
  it('uploads with a progress bar and opens the new campaign', async () => {
    mockApi([{ method: 'GET', path: '/api/v1/campaigns/c1', reply: json(200, makeCampaign()) }]);
    const xhr = mockXhr({ status: 201, body: makeCampaign() });
    const user = setup();
    renderApp('/campaigns/new');
    await screen.findByRole('heading', { name: 'New campaign' });
    await fillDetails(user);
    await user.type(screen.getByLabelText('Button link (optional)'), 'https://hibid.com/catalog/1');
    await user.selectOptions(screen.getByLabelText('Tone (optional)'), 'urgent');
    await user.upload(screen.getByLabelText('Logo'), image('logo.png'));
    await user.upload(screen.getByLabelText('Photos'), [image('a.jpg', 'image/jpeg'), image('b.webp', 'image/webp')]);
    expect(within(screen.getByRole('list', { name: 'Photos: chosen files' })).getAllByRole('listitem')).toHaveLength(2);

    await user.click(screen.getByRole('button', { name: 'Upload and continue' }));
    expect(await screen.findByRole('heading', { name: 'Winter Estate Auction' })).toBeInTheDocument();

    const form = xhr.sent[0]!.body;
    expect(xhr.sent[0]!.url).toBe('/api/v1/upload');
    expect(form.get('campaign_name')).toBe('Winter Estate Auction');
    expect(form.get('tone')).toBe('urgent');
    expect(form.get('cta_url')).toBe('https://hibid.com/catalog/1');
    expect((form.get('logo') as File).name).toBe('logo.png');
    expect(form.getAll('hero_images').map((f) => (f as File).name)).toEqual(['a.jpg', 'b.webp']);
  });

  it('shows the progress while uploading', async () => {
    mockApi();
    // An upload that reports 40% and never finishes.
    class SlowXhr {
      upload: { onprogress: ((e: ProgressEvent) => void) | null } = { onprogress: null };
      open() {}
      setRequestHeader() {}
      abort() {}
      send() {
        setTimeout(() => this.upload.onprogress?.({ lengthComputable: true, loaded: 40, total: 100 } as ProgressEvent), 0);
      }
    }
    (globalThis as unknown as { XMLHttpRequest: unknown }).XMLHttpRequest = SlowXhr;
    const user = setup();
    renderApp('/campaigns/new');
    await screen.findByRole('heading', { name: 'New campaign' });
    await fillDetails(user);
    await user.upload(screen.getByLabelText('Logo'), image('logo.png'));
    await user.click(screen.getByRole('button', { name: 'Upload and continue' }));
    const bar = await screen.findByRole('progressbar', { name: 'Uploading… 40%' });
    expect(bar).toHaveAttribute('value', '40');
    expect(screen.getByLabelText('Campaign name')).toBeDisabled();
  });

  it('points at missing details and a missing logo instead of sending', async () => {
    mockApi();
    const xhr = mockXhr({ status: 201, body: makeCampaign() });
    const user = setup();
    renderApp('/campaigns/new');
    await screen.findByRole('heading', { name: 'New campaign' });
    await user.type(screen.getByLabelText('Button link (optional)'), 'ftp://nope');
    await user.click(screen.getByRole('button', { name: 'Upload and continue' }));
    expect(screen.getByText('Enter a campaign name.')).toBeInTheDocument();
    expect(screen.getByText('Enter the advertiser name.')).toBeInTheDocument();
    expect(screen.getByText(/starting with http:\/\/ or https:\/\//)).toBeInTheDocument();
    expect(screen.getByText(/Add your logo/)).toBeInTheDocument();
    expect(screen.getByLabelText('Campaign name')).toHaveAttribute('aria-invalid', 'true');
    expect(xhr.sent).toHaveLength(0);
  });

  it('refuses files the server would refuse, with a visible reason', async () => {
    mockApi();
    const user = setup();
    renderApp('/campaigns/new');
    await screen.findByRole('heading', { name: 'New campaign' });
    await user.upload(screen.getByLabelText('Logo'), image('logo.pdf', 'application/pdf'));
    expect(screen.getByRole('alert')).toHaveTextContent('logo.pdf is not a JPEG, PNG, GIF or WebP image.');

    await user.upload(screen.getByLabelText('Photos'), image('huge.jpg', 'image/jpeg', 5 * 1024 * 1024 + 1));
    expect(screen.getByText('huge.jpg is larger than 5 MB. Choose a smaller image.')).toBeInTheDocument();

    await user.upload(screen.getByLabelText('Photos'), [image('1.jpg'), image('2.jpg'), image('3.jpg'), image('4.jpg')]);
    expect(screen.getByText('You can add up to 3 photos; 4.jpg was not added.')).toBeInTheDocument();
    const chosen = screen.getByRole('list', { name: 'Photos: chosen files' });
    expect(within(chosen).getAllByRole('listitem')).toHaveLength(3);

    await user.click(screen.getByRole('button', { name: 'Remove 2.jpg' }));
    expect(within(chosen).getAllByRole('listitem')).toHaveLength(2);
  });

  it('blocks the upload while a photo could not be used, until it is replaced or let go', async () => {
    mockApi([{ method: 'GET', path: '/api/v1/campaigns/c1', reply: json(200, makeCampaign()) }]);
    const xhr = mockXhr({ status: 201, body: makeCampaign() });
    const user = setup();
    renderApp('/campaigns/new');
    await screen.findByRole('heading', { name: 'New campaign' });
    await fillDetails(user);
    await user.type(screen.getByLabelText('Postal address (optional)'), '12 Main St, Springfield, IL');
    await user.upload(screen.getByLabelText('Logo'), image('logo.png'));
    await user.upload(screen.getByLabelText('Photos'), image('huge.jpg', 'image/jpeg', 5 * 1024 * 1024 + 1));
    await user.click(screen.getByRole('button', { name: 'Upload and continue' }));
    expect(screen.getByText('Remove or replace the picture marked above before uploading.')).toBeInTheDocument();
    expect(xhr.sent).toHaveLength(0);

    await user.click(screen.getByRole('button', { name: 'Continue without these files' }));
    await user.click(screen.getByRole('button', { name: 'Upload and continue' }));
    expect(await screen.findByRole('heading', { name: 'Winter Estate Auction' })).toBeInTheDocument();
    expect(xhr.sent[0]!.body.get('postal_address')).toBe('12 Main St, Springfield, IL');
  });

  it("puts the server's refusal of a photo next to the photos, without internal field names", async () => {
    mockApi();
    mockXhr({
      status: 415,
      body: { detail: 'hero_images[1] (fake.jpg): this file is not an image we can read.', code: 'unsupported_media_type' },
    });
    const user = setup();
    renderApp('/campaigns/new');
    await screen.findByRole('heading', { name: 'New campaign' });
    await fillDetails(user);
    await user.upload(screen.getByLabelText('Logo'), image('logo.png'));
    await user.upload(screen.getByLabelText('Photos'), [image('a.jpg', 'image/jpeg'), image('fake.jpg', 'image/jpeg')]);
    await user.click(screen.getByRole('button', { name: 'Upload and continue' }));
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent("Photo 2 (fake.jpg) can't be used. This file is not an image we can read.");
    expect(alert).not.toHaveTextContent('hero_images');
    expect(screen.getByLabelText('Photos')).toHaveAttribute('aria-invalid', 'true');
  });

  it('accepts files dropped on the drop zone', async () => {
    mockApi();
    renderApp('/campaigns/new');
    await screen.findByRole('heading', { name: 'New campaign' });
    const zone = screen.getByTestId('dropzone-Logo');
    const { fireEvent } = await import('@testing-library/react');
    fireEvent.dragOver(zone);
    expect(zone).toHaveClass('dropzone-active');
    fireEvent.drop(zone, { dataTransfer: { files: [image('dropped.png')] } });
    expect(screen.getByRole('button', { name: 'Remove dropped.png' })).toBeInTheDocument();
  });

  it("shows the server's reason when the upload is refused, and retries network failures", async () => {
    mockApi();
    mockXhr({ status: 415, body: { detail: 'logo.png is not an image we can read.', code: 'unsupported_media_type' } });
    const user = setup();
    renderApp('/campaigns/new');
    await screen.findByRole('heading', { name: 'New campaign' });
    await fillDetails(user);
    await user.upload(screen.getByLabelText('Logo'), image('logo.png'));
    await user.click(screen.getByRole('button', { name: 'Upload and continue' }));
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('logo.png is not an image we can read.');
    expect(within(alert).queryByRole('button', { name: 'Try again' })).not.toBeInTheDocument();

    mockXhr('network-error');
    await user.click(screen.getByRole('button', { name: 'Upload and continue' }));
    expect(await screen.findByText(/could not reach the server/i)).toBeInTheDocument();
    const xhr = mockXhr({ status: 201, body: makeCampaign() });
    mockApi([{ method: 'GET', path: '/api/v1/campaigns/c1', reply: json(200, makeCampaign()) }]);
    await user.click(screen.getByRole('button', { name: 'Try again' }));
    expect(await screen.findByRole('heading', { name: 'Winter Estate Auction' })).toBeInTheDocument();
    expect(xhr.sent).toHaveLength(1);
  });
});

describe('file rules', () => {
  it('match the server limits', () => {
    expect(checkImageFile(new File(['x'], 'a.gif', { type: 'image/gif' }))).toBeNull();
    expect(checkImageFile(new File(['x'], 'a.webp', { type: '' }))).toBeNull();
    expect(checkImageFile(new File([], 'empty.png', { type: 'image/png' }))).toBe('empty.png is empty.');
    expect(acceptFiles([image('a.png'), image('b.png')], [], 1).errors).toEqual(['Only one logo can be used.']);
    expect(isHttpUrl('https://x.com')).toBe(true);
    expect(isHttpUrl('javascript:alert(1)')).toBe(false);
    expect(isHttpUrl('nope')).toBe(false);
  });
});
