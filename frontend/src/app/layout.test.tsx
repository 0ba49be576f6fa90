import { act, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { json, mockApi } from '@/test/api-mock';
import { renderApp } from '@/test/render';

/** Frames run only when the test says so: what the app does "a frame after navigating" is checked in order. */
function holdFrames() {
  const frames: FrameRequestCallback[] = [];
  vi.stubGlobal('requestAnimationFrame', (cb: FrameRequestCallback) => frames.push(cb));
  vi.stubGlobal('cancelAnimationFrame', () => {});
  return () => act(() => frames.splice(0).forEach((cb) => cb(performance.now())));
}

function campaignsApi() {
  mockApi([
    { method: 'GET', path: '/api/v1/campaigns', reply: json(200, { items: [], total: 0, limit: 20, offset: 0 }) },
    { method: 'GET', path: '/api/v1/uploads/options', reply: json(200, { direct: false, max_bytes: 5_242_880, max_photos: 3, types: [] }) },
  ]);
}

/** Signed in on the campaigns list, then "New campaign" in the main menu; frames held from the start. */
async function openNewCampaign() {
  campaignsApi();
  const runFrames = holdFrames();
  const user = userEvent.setup();
  renderApp('/');
  await screen.findByRole('heading', { name: 'No campaigns yet' });
  await user.click(within(screen.getByRole('navigation', { name: 'Main' })).getByRole('link', { name: 'New campaign' }));
  const heading = await screen.findByRole('heading', { name: 'New campaign' });
  return { user, runFrames, heading };
}

describe('moving between pages', () => {
  it("takes keyboard and screen-reader users to the new page's heading", async () => {
    const { runFrames, heading } = await openNewCampaign();
    runFrames();
    expect(heading).toHaveFocus();
  });

  it('leaves a field someone already clicked into and typed in, with every key they typed', async () => {
    const { user, runFrames } = await openNewCampaign();
    const name = screen.getByLabelText('Campaign name');
    await user.type(name, 'Spring');
    runFrames(); // the frame after the navigation comes while they type
    await user.keyboard(' Sale');
    expect(name).toHaveFocus();
    expect(name).toHaveValue('Spring Sale');
  });
});
