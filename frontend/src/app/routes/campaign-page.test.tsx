import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import type { CampaignDetail } from '@/lib/types';
import { json, mockApi, problem } from '@/test/api-mock';
import { makeCampaign, makeCopy, makePreview, makeProof, proofReadyCampaign } from '@/test/fixtures';
import { renderApp } from '@/test/render';

const HTML = '<html><body><h1>The Winter Estate Auction</h1></body></html>';

/** A small in-memory backend for one campaign, so steps change what the page sees. */
function campaignServer(start: CampaignDetail) {
  let campaign = start;
  const api = mockApi([
    { method: 'GET', path: '/api/v1/campaigns/c1', reply: () => json(200, campaign) },
    { method: 'GET', path: /^\/api\/v1\/preview\/c1\?(.*&)?format=html/, reply: () => ({ text: HTML }) },
    { method: 'GET', path: /^\/api\/v1\/preview\/c1\?(.*&)?format=png/, reply: problem(503, 'renderer_unavailable', 'No browser on this server.') },
    { method: 'GET', path: /^\/api\/v1\/preview\/c1(\?version=\d+)?$/, reply: () => json(200, makePreview({ proof_version: campaign.latest_proof?.version ?? 1 })) },
    // The sending options under the download (features/delivery): no mail server, no connected accounts.
    {
      method: 'GET',
      path: '/api/v1/delivery/status',
      reply: json(200, { test_send_available: false, test_send_daily_limit: 25, test_sends_left_today: 25, providers: [] }),
    },
    { method: 'GET', path: '/api/v1/integrations', reply: json(200, []) },
  ]);
  return {
    api,
    set(next: Partial<CampaignDetail>) {
      campaign = { ...campaign, ...next };
    },
    get: () => campaign,
  };
}

describe('campaign page: writing and building', () => {
  it('runs process then generate and shows the proof', async () => {
    const server = campaignServer(makeCampaign());
    server.api.add({
      method: 'POST',
      path: '/api/v1/process/c1',
      reply: () => {
        const copy = makeCopy();
        server.set({ status: 'processed', latest_copy: copy, copy_versions: [copy] });
        return json(200, { campaign: server.get(), copy, source: 'offline', fallback_reason: null, reused: false });
      },
    });
    server.api.add({
      method: 'POST',
      path: '/api/v1/generate/c1',
      reply: () => {
        const proof = makeProof();
        server.set({ status: 'proof_ready', latest_proof: proof, proof_versions: [proof] });
        return json(201, proof);
      },
    });
    const user = userEvent.setup();
    renderApp('/campaigns/c1');
    await screen.findByRole('heading', { name: 'Winter Estate Auction' });
    expect(screen.getByRole('img', { name: 'Logo: logo.png' })).toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'Write the copy and build the proof' }));

    expect(await screen.findByTitle('Email preview, desktop, light mode')).toBeInTheDocument();
    const steps = within(screen.getByRole('list', { name: 'Steps' }));
    expect(steps.getAllByText('Done')).toHaveLength(3);
    expect(steps.getByText('Your turn')).toBeInTheDocument();
    expect(server.api.callsTo('POST', '/api/v1/process/c1')).toHaveLength(1);
    expect(server.api.callsTo('POST', '/api/v1/generate/c1')).toHaveLength(1);
    expect(screen.getByRole('heading', { name: 'Your decision on proof 1' })).toBeInTheDocument();
    // Focus follows the work: to the new proof once it's built.
    await waitFor(() => expect(screen.getByRole('heading', { name: 'Preview of proof 1' })).toHaveFocus());
    expect(document.title).toBe('Winter Estate Auction · HiBid Email');
  });

  it('explains a failed step in plain words and retries it', async () => {
    const server = campaignServer(makeCampaign({ status: 'processed', latest_copy: makeCopy(), next_step: 'generate' }));
    let attempts = 0;
    server.api.add({
      method: 'POST',
      path: '/api/v1/generate/c1',
      reply: () => {
        attempts += 1;
        if (attempts === 1) return problem(503, 'renderer_busy', 'The proof builder is busy. Try again in a moment.');
        const proof = makeProof();
        server.set({ status: 'proof_ready', latest_proof: proof, proof_versions: [proof] });
        return json(201, proof);
      },
    });
    const user = userEvent.setup();
    renderApp('/campaigns/c1');
    await user.selectOptions(await screen.findByLabelText('Photo layout'), 'gallery');
    await user.click(screen.getByRole('button', { name: 'Build the proof' }));
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Building the proof failed.');
    expect(alert).toHaveTextContent('The proof builder is busy. Try again in a moment.');
    expect(screen.getByText('Failed')).toBeInTheDocument();

    await user.click(within(alert).getByRole('button', { name: 'Try again' }));
    expect(await screen.findByTitle('Email preview, desktop, light mode')).toBeInTheDocument();
    expect(server.api.callsTo('POST', '/api/v1/process/c1')).toHaveLength(0);
    expect(server.api.callsTo('POST', '/api/v1/generate/c1').map((c) => c.body)).toEqual([
      { layout: 'gallery', whole_photos: false },
      { layout: 'gallery', whole_photos: false },
    ]);
  });

  it('builds the proof with whole photos when the advertiser asks for them', async () => {
    const server = campaignServer(makeCampaign({ status: 'processed', latest_copy: makeCopy(), next_step: 'generate' }));
    server.api.add({
      method: 'POST',
      path: '/api/v1/generate/c1',
      reply: () => {
        const proof = makeProof();
        server.set({ status: 'proof_ready', latest_proof: proof, proof_versions: [proof] });
        return json(201, proof);
      },
    });
    const user = userEvent.setup();
    renderApp('/campaigns/c1');
    const shape = await screen.findByLabelText('Photo shape');
    expect(shape).toHaveValue('fit'); // cut to fit unless asked
    await user.selectOptions(shape, 'whole');
    await user.click(screen.getByRole('button', { name: 'Build the proof' }));
    expect(await screen.findByTitle('Email preview, desktop, light mode')).toBeInTheDocument();
    expect(server.api.callsTo('POST', '/api/v1/generate/c1').map((c) => c.body)).toEqual([{ whole_photos: true }]);
  });

  it("shows a wrong-step answer's detail without offering a pointless retry", async () => {
    const server = campaignServer(makeCampaign());
    server.api.add({ method: 'POST', path: '/api/v1/process/c1', reply: problem(409, 'wrong_step', 'Upload the campaign first.') });
    const user = userEvent.setup();
    renderApp('/campaigns/c1');
    await user.click(await screen.findByRole('button', { name: 'Write the copy and build the proof' }));
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Writing the copy failed.');
    expect(alert).toHaveTextContent('Upload the campaign first.');
    expect(within(alert).queryByRole('button', { name: 'Try again' })).not.toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Write the copy and build the proof' })).toBeInTheDocument();
    expect(server.api.callsTo('POST', '/api/v1/generate/c1')).toHaveLength(0);
  });

  it('says when the offline writer stood in for the AI', async () => {
    const server = campaignServer(makeCampaign());
    server.api.add({
      method: 'POST',
      path: '/api/v1/process/c1',
      reply: () => json(200, { campaign: server.get(), copy: makeCopy({ source: 'fallback' }), source: 'fallback', fallback_reason: 'timeout', reused: false }),
    });
    server.api.add({ method: 'POST', path: '/api/v1/generate/c1', reply: json(201, makeProof()) });
    const user = userEvent.setup();
    renderApp('/campaigns/c1');
    await user.click(await screen.findByRole('button', { name: 'Write the copy and build the proof' }));
    expect(await screen.findByText(/AI writer was unavailable/)).toHaveTextContent('(timeout)');
  });

  it('reports an unknown campaign', async () => {
    mockApi([{ method: 'GET', path: '/api/v1/campaigns/zzz', reply: problem(404, 'not_found', 'No campaign with that id.') }]);
    renderApp('/campaigns/zzz');
    expect(await screen.findByRole('heading', { name: 'Campaign not found' })).toBeInTheDocument();
    expect(screen.getByRole('alert')).toHaveTextContent('No campaign with that id.');
  });
});

describe('campaign page: preview', () => {
  it('switches between desktop, mobile and dark, and lists the checks', async () => {
    const server = campaignServer(proofReadyCampaign());
    server.api.add({
      method: 'GET',
      path: /^\/api\/v1\/preview\/c1(\?version=\d+)?$/,
      reply: json(
        200,
        makePreview({ primary_subject_index: 1, warnings: [{ code: 'gmail_clip', severity: 'warning', message: 'The email is close to Gmail’s 102 KB limit.' }] }),
      ),
    });
    const user = userEvent.setup();
    renderApp('/campaigns/c1');
    const frame = await screen.findByTitle('Email preview, desktop, light mode');
    expect(frame).toHaveAttribute('sandbox', expect.not.stringContaining('allow-scripts'));
    expect(frame).toHaveAttribute('srcdoc', HTML);
    expect(frame).toHaveAttribute('width', '640');
    expect(screen.getByText('Bid on 300 lots this weekend')).toBeInTheDocument();
    expect(screen.getByText(/close to Gmail/)).toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'Mobile' }));
    expect(screen.getByRole('button', { name: 'Mobile' })).toHaveAttribute('aria-pressed', 'true');
    expect(screen.getByTitle('Email preview, mobile, light mode')).toHaveAttribute('width', '375');

    await user.click(screen.getByRole('button', { name: 'Dark mode' }));
    expect(screen.getByTitle('Email preview, mobile, dark mode').getAttribute('srcdoc')).toContain('color-scheme: dark');
    // The server has no renderer (503): no broken picture, no error.
    await waitFor(() => expect(server.api.callsTo('GET', '/api/v1/preview/c1').some((c) => c.url.searchParams.get('format') === 'png')).toBe(true));
    expect(screen.queryByRole('button', { name: 'Picture proof' })).not.toBeInTheDocument();
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
  });

  it('shows picture proofs when the server renders them', async () => {
    const server = campaignServer(proofReadyCampaign());
    server.api.add({
      method: 'GET',
      path: /^\/api\/v1\/preview\/c1\?(.*&)?format=png/,
      reply: { status: 200, blob: new Blob(['png'], { type: 'image/png' }), headers: { 'content-type': 'image/png' } },
    });
    const user = userEvent.setup();
    renderApp('/campaigns/c1');
    await user.click(await screen.findByRole('button', { name: 'Picture proof' }));
    expect(screen.getByRole('img', { name: 'Rendered proof on desktop in light mode' })).toHaveAttribute('src', expect.stringMatching(/^blob:/));
    expect(screen.queryByTitle(/Email preview/)).not.toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Mobile' }));
    expect(await screen.findByRole('img', { name: 'Rendered proof on mobile in light mode' })).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Live email' }));
    expect(screen.getByTitle('Email preview, mobile, light mode')).toBeInTheDocument();
  });

  it('shows a picture proof a worker was still rendering once it is there', async () => {
    const server = campaignServer(proofReadyCampaign());
    let asked = 0;
    server.api.add({
      method: 'GET',
      path: /^\/api\/v1\/preview\/c1\?(.*&)?format=png/,
      reply: () =>
        ++asked === 1
          ? { status: 503, json: { detail: 'The picture proof is still being rendered.', code: 'picture_pending' }, headers: { 'retry-after': '5' } as Record<string, string> }
          : { status: 200, blob: new Blob(['png'], { type: 'image/png' }), headers: { 'content-type': 'image/png' } as Record<string, string> },
    });
    const user = userEvent.setup();
    renderApp('/campaigns/c1');
    await user.click(await screen.findByRole('button', { name: 'Picture proof' }, { timeout: 6000 }));
    expect(screen.getByRole('img', { name: 'Rendered proof on desktop in light mode' })).toHaveAttribute('src', expect.stringMatching(/^blob:/));
    expect(asked).toBe(2);
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
  });

  it("shows the email's loading error with a retry", async () => {
    const server = campaignServer(proofReadyCampaign());
    server.api.add({ method: 'GET', path: /^\/api\/v1\/preview\/c1\?(.*&)?format=html/, reply: 'network-error' });
    renderApp('/campaigns/c1');
    const alert = await screen.findByText('We could not load the email.');
    expect(alert.closest('[role="alert"]')).toHaveTextContent(/could not reach the server/i);
  });
});

describe('campaign page: review and download', () => {
  it('approves the proof it shows', async () => {
    const server = campaignServer(proofReadyCampaign());
    server.api.add({
      method: 'POST',
      path: '/api/v1/approve/c1',
      reply: (req) => {
        const decision = { id: 'd1', decision: 'approve', comment: '', proof_version: 1, decided_by: 'ann@example.com', created_at: '2026-11-25T12:00:00Z' };
        server.set({ status: 'approved', next_step: 'download', decisions: [decision as never] });
        return json(200, { campaign: server.get(), decision, echo: req.body });
      },
    });
    const user = userEvent.setup();
    renderApp('/campaigns/c1');
    // Nothing is pre-selected: sending without a choice asks for one.
    expect(await screen.findByRole('radio', { name: 'Approve this proof' })).not.toBeChecked();
    expect(screen.getByRole('radio', { name: 'Request changes' })).not.toBeChecked();
    await user.click(screen.getByRole('button', { name: 'Send decision' }));
    expect(screen.getByText('Choose whether to approve this proof or to ask for changes.')).toBeInTheDocument();
    // Approving asks once more before anything is sent.
    await user.click(screen.getByRole('radio', { name: 'Approve this proof' }));
    await user.click(screen.getByRole('button', { name: 'Approve proof…' }));
    expect(screen.getByText(/Approve proof 1\? This version is then final/)).toBeInTheDocument();
    expect(server.api.callsTo('POST', '/api/v1/approve/c1')).toHaveLength(0);
    await user.click(screen.getByRole('button', { name: 'Yes, approve proof 1' }));
    expect(await screen.findByRole('button', { name: 'Download ZIP' })).toBeInTheDocument();
    expect(server.api.callsTo('POST', '/api/v1/approve/c1')[0]?.body).toEqual({ decision: 'approve', comment: '', proof_version: 1 });
    expect(screen.getByText(/Approved by ann@example.com/)).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Save copy' })).not.toBeInTheDocument();
  });

  it('requires a comment to request changes and then offers a rewrite', async () => {
    const server = campaignServer(proofReadyCampaign());
    server.api.add({
      method: 'POST',
      path: '/api/v1/approve/c1',
      reply: (req) => {
        const decision = { id: 'd1', decision: 'request_changes', comment: 'Mention free shipping', proof_version: 1, decided_by: 'ann', created_at: '2026-11-25T12:00:00Z' };
        server.set({ status: 'changes_requested', next_step: 'process', decisions: [decision as never] });
        return json(200, { campaign: server.get(), decision, echo: req.body });
      },
    });
    const user = userEvent.setup();
    renderApp('/campaigns/c1');
    await user.click(await screen.findByRole('radio', { name: 'Request changes' }));
    await user.click(screen.getByRole('button', { name: 'Send change request' }));
    expect(screen.getByText('Tell us what to change so the next version gets it right.')).toBeInTheDocument();
    expect(server.api.callsTo('POST', '/api/v1/approve/c1')).toHaveLength(0);

    await user.type(screen.getByLabelText('What should change?'), 'Mention free shipping');
    await user.click(screen.getByRole('button', { name: 'Send change request' }));
    expect(await screen.findByRole('button', { name: 'Rewrite the copy' })).toBeInTheDocument();
    expect(screen.getByText(/You asked for changes on proof 1/)).toHaveTextContent('Mention free shipping');
    expect(server.api.callsTo('POST', '/api/v1/approve/c1')[0]?.body).toMatchObject({ decision: 'request_changes', comment: 'Mention free shipping' });
  });

  it('rewrites the copy on its own and shows what changed, with the kept hand edits, before the next proof', async () => {
    const first = makeCopy();
    const edited = makeCopy({ version: 2, source: 'edited', headline: "Grandpa's barn, opened at last", edited_fields: ['headline'] });
    const decision = { id: 'd1', decision: 'request_changes', comment: 'Mention the Friday preview', proof_version: 1, decided_by: 'ann', created_at: '2026-11-25T12:00:00Z' };
    const server = campaignServer(
      proofReadyCampaign({ status: 'changes_requested', next_step: 'process', latest_copy: edited, copy_versions: [first, edited], decisions: [decision as never] }),
    );
    server.api.add({
      method: 'POST',
      path: '/api/v1/process/c1',
      reply: () => {
        const copy = makeCopy({
          version: 3,
          source: 'openai',
          feedback: 'Mention the Friday preview',
          headline: "Grandpa's barn, opened at last",
          paragraphs: ['Over 300 lots from a lifetime collection. Preview Friday from 2 pm.', 'Bidding closes Sunday at 7 pm.'],
          edited_fields: ['headline'],
        });
        server.set({ status: 'processed', next_step: 'generate', latest_copy: copy, copy_versions: [first, edited, copy] });
        return json(200, { campaign: server.get(), copy, source: 'openai', fallback_reason: null, reused: false });
      },
    });
    server.api.add({
      method: 'POST',
      path: '/api/v1/generate/c1',
      reply: () => {
        const proof = makeProof({ version: 2, copy_version: 3 });
        server.set({ status: 'proof_ready', next_step: 'approve', latest_proof: proof });
        return json(201, proof);
      },
    });
    const user = userEvent.setup();
    renderApp('/campaigns/c1');
    await user.click(await screen.findByRole('button', { name: 'Rewrite the copy' }));

    const changes = await screen.findByRole('region', { name: 'What the rewrite changed' });
    await waitFor(() => expect(screen.getByRole('heading', { name: 'What the rewrite changed' })).toHaveFocus());
    expect(server.api.callsTo('POST', '/api/v1/generate/c1')).toHaveLength(0); // no proof before the advertiser has looked
    const rows = within(changes).getAllByRole('listitem');
    expect(rows.find((r) => r.textContent?.startsWith('Headline'))).toHaveTextContent('Your edit, kept');
    expect(rows.find((r) => r.textContent?.startsWith('Paragraph 1'))).toHaveTextContent('After: Over 300 lots from a lifetime collection. Preview Friday from 2 pm.');

    await user.click(screen.getByRole('button', { name: 'Build the proof' }));
    expect(await screen.findByRole('heading', { name: 'Your decision on proof 2' })).toBeInTheDocument();
    expect(screen.queryByRole('region', { name: 'What the rewrite changed' })).not.toBeInTheDocument();
    expect(server.api.callsTo('POST', '/api/v1/process/c1')).toHaveLength(1);
  });

  it('explains a stale proof', async () => {
    const server = campaignServer(proofReadyCampaign());
    server.api.add({ method: 'POST', path: '/api/v1/approve/c1', reply: problem(409, 'stale_proof', 'Proof 2 is newer than proof 1.') });
    const user = userEvent.setup();
    renderApp('/campaigns/c1');
    await user.click(await screen.findByRole('radio', { name: 'Approve this proof' }));
    await user.click(screen.getByRole('button', { name: 'Approve proof…' }));
    await user.click(screen.getByRole('button', { name: 'Yes, approve proof 1' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('Proof 2 is newer than proof 1.');
    expect(screen.getByText(/We refreshed the page with the latest proof/)).toBeInTheDocument();
  });

  it('downloads the approved ZIP', async () => {
    const server = campaignServer(proofReadyCampaign({ status: 'approved', next_step: null }));
    server.api.add({
      method: 'GET',
      path: '/api/v1/download/c1',
      reply: { status: 200, blob: new Blob(['PK'], { type: 'application/zip' }), headers: { 'content-disposition': 'attachment; filename="winter-estate-auction.zip"' } },
    });
    const click = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => undefined);
    const user = userEvent.setup();
    renderApp('/campaigns/c1');
    await user.click(await screen.findByRole('button', { name: 'Download ZIP' }));
    expect(await screen.findByText('Downloaded winter-estate-auction.zip.')).toBeInTheDocument();
    expect(click).toHaveBeenCalledOnce();
  });

  it('waits for a ZIP a worker is still building, then downloads it', async () => {
    const server = campaignServer(proofReadyCampaign({ status: 'approved', next_step: null }));
    let asked = 0;
    server.api.add({
      method: 'GET',
      path: '/api/v1/download/c1',
      reply: () =>
        ++asked === 1
          ? { status: 409, json: { detail: 'The download is still being prepared.', code: 'package_pending' }, headers: { 'retry-after': '1' } as Record<string, string> }
          : { status: 200, blob: new Blob(['PK'], { type: 'application/zip' }), headers: { 'content-disposition': 'attachment; filename="winter-estate-auction.zip"' } as Record<string, string> },
    });
    const click = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => undefined);
    const user = userEvent.setup();
    renderApp('/campaigns/c1');
    await user.click(await screen.findByRole('button', { name: 'Download ZIP' }));
    expect(await screen.findByText('Downloaded winter-estate-auction.zip.', {}, { timeout: 5000 })).toBeInTheDocument();
    expect(asked).toBe(2);
    expect(click).toHaveBeenCalledOnce();
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
  });

  it('shows why a download was refused', async () => {
    const server = campaignServer(proofReadyCampaign({ status: 'approved', next_step: null }));
    server.api.add({ method: 'GET', path: '/api/v1/download/c1', reply: problem(409, 'not_approved', 'Approve a proof before downloading.') });
    const user = userEvent.setup();
    renderApp('/campaigns/c1');
    await user.click(await screen.findByRole('button', { name: 'Download ZIP' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('Approve a proof before downloading.');
  });
});

describe('campaign page: copy editor', () => {
  it('saves the chosen subject line and edited words as a new version', async () => {
    const server = campaignServer(proofReadyCampaign());
    server.api.add({
      method: 'PATCH',
      path: '/api/v1/campaigns/c1/copy',
      reply: (req) => {
        const copy = makeCopy({ version: 2, source: 'edited', ...(req.body as object) });
        server.set({ status: 'processed', latest_copy: copy, copy_versions: [makeCopy(), copy] });
        return json(200, copy);
      },
    });
    const user = userEvent.setup();
    renderApp('/campaigns/c1');
    await screen.findByRole('heading', { name: 'The copy' });
    await user.click(screen.getByRole('radio', { name: 'Send subject line 3' }));
    const headline = screen.getByLabelText('Headline');
    await user.clear(headline);
    await user.type(headline, 'Last chance: winter lots');
    await user.click(screen.getByRole('button', { name: 'Add a paragraph' }));
    await user.type(screen.getByLabelText('Paragraph 3'), 'Free local pickup.');
    await user.type(screen.getByLabelText('Logo description'), 'Smith & Sons logo');
    await user.clear(screen.getByLabelText('Fact 1 value'));
    await user.type(screen.getByLabelText('Fact 1 value'), 'Monday 7 pm');
    await user.click(screen.getByRole('button', { name: 'Remove fact 2' }));
    await user.click(screen.getByRole('button', { name: 'Add a key fact' }));
    await user.type(screen.getByLabelText('Fact 2 label'), 'Pickup');
    await user.type(screen.getByLabelText('Fact 2 value'), 'Ames');
    expect(screen.getByLabelText('Lot image 1 description')).toHaveValue('');
    await user.click(screen.getByRole('button', { name: 'Save copy' }));

    expect(await screen.findByRole('button', { name: 'Build the proof' })).toBeInTheDocument();
    expect(server.api.callsTo('PATCH', '/api/v1/campaigns/c1/copy')[0]?.body).toEqual({
      subject_lines: ['Winter estate auction opens Friday', 'Bid on 300 lots this weekend', 'Antiques, tools and more'],
      primary_subject_index: 2,
      preheader: 'Preview the catalog and register to bid.',
      headline: 'Last chance: winter lots',
      paragraphs: ['Over 300 lots from a lifetime collection.', 'Bidding closes Sunday at 7 pm.', 'Free local pickup.'],
      cta_text: 'View the catalog',
      highlights: [
        { label: 'Closes', value: 'Monday 7 pm' },
        { label: 'Pickup', value: 'Ames' },
      ],
      alt_texts: { a1: 'Smith & Sons logo' },
    });
    expect(screen.getByText(/Version 2 · written by you/)).toBeInTheDocument();
    expect(screen.getByText('Saved as copy version 2. Build the proof again to see it.')).toBeInTheDocument();
  });

  it('keeps the user on the form when a save fails or a field is empty', async () => {
    const server = campaignServer(proofReadyCampaign());
    server.api.add({ method: 'PATCH', path: '/api/v1/campaigns/c1/copy', reply: { status: 422, json: { detail: 'Subject line 1 is longer than 60 characters.', code: 'validation_error', errors: [] } } });
    const user = userEvent.setup();
    renderApp('/campaigns/c1');
    await screen.findByRole('heading', { name: 'The copy' });
    await user.clear(screen.getByLabelText('Button text'));
    await user.click(screen.getByRole('button', { name: 'Save copy' }));
    expect(screen.getByRole('alert')).toHaveTextContent('The button needs a label.');
    await user.type(screen.getByLabelText('Button text'), 'Bid now');
    await user.clear(screen.getByLabelText('Fact 1 label'));
    await user.click(screen.getByRole('button', { name: 'Save copy' }));
    expect(screen.getByRole('alert')).toHaveTextContent('Each key fact needs both a label and a value.');
    await user.type(screen.getByLabelText('Fact 1 label'), 'Ends');
    await user.click(screen.getByRole('button', { name: 'Remove paragraph 2' }));
    await user.click(screen.getByRole('button', { name: 'Save copy' }));
    expect(await screen.findByText('Subject line 1 is longer than 60 characters.')).toBeInTheDocument();
    expect(screen.getByText('Your changes were not saved.')).toBeInTheDocument();
  });
});
