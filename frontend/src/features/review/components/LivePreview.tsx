import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useEffect, useMemo, useState } from 'react';
import { api, errorDetail, unwrap } from '@/lib/api-client';
import type { CopyUpdate } from '@/lib/types';
import type { Comment } from '../api/review-links';
import { defaultDevice } from '@/lib/email-sections';
import { EmailFrame, type FrameDevice, type Pin } from '@/components/EmailFrame';
import { DeviceSwitch } from '@/components/ProofControls';

export const DEBOUNCE_MS = 300;

function useDebounced<T>(value: T, ms: number): T {
  const [debounced, setDebounced] = useState(value);
  useEffect(() => {
    const t = setTimeout(() => setDebounced(value), ms);
    return () => clearTimeout(t);
  }, [value, ms]);
  return debounced;
}

function renderDraft(campaignId: string, draft: CopyUpdate, signal: AbortSignal): Promise<string> {
  const result = api.POST('/api/v1/campaigns/{campaign_id}/draft-preview', {
    params: { path: { campaign_id: campaignId } },
    body: draft,
    parseAs: 'text',
    signal,
  });
  return unwrap(result as Promise<{ data?: string; error?: unknown; response: Response }>);
}

interface LivePreviewProps {
  campaignId: string;
  /** The copy as typed; {} shows the latest saved copy. */
  draft: CopyUpdate;
  comments?: Comment[];
  /** Changes when the campaign does (its updated_at): pictures or details changed, render again. */
  revision?: string;
}

/**
 * The email as it will look, re-rendered as the copy is typed (300 ms after the last key), beside the
 * editor. The last good rendering stays on screen while the next one is made or when the words
 * can't be used yet; the reason is shown above it.
 */
export function LivePreview({ campaignId, draft, comments = [], revision = '' }: LivePreviewProps) {
  const [device, setDevice] = useState<FrameDevice>(defaultDevice);
  const debounced = useDebounced(draft, DEBOUNCE_MS);
  const key = JSON.stringify(debounced);
  // The last rendering that worked stays up while the words can't be used (an empty headline...).
  const [lastGood, setLastGood] = useState<string | undefined>(undefined);
  const query = useQuery({
    // Not under ['campaigns']: saving the copy refreshes the campaign without waiting for a rendering.
    queryKey: ['draft-preview', campaignId, revision, key],
    queryFn: async ({ signal }) => {
      const html = await renderDraft(campaignId, debounced, signal);
      setLastGood(html);
      return html;
    },
    placeholderData: keepPreviousData,
    staleTime: 60_000,
    retry: false,
  });
  const pins: Pin[] = useMemo(
    () =>
      comments
        .map((c, i) => ({ section: c.section ?? '', n: i + 1 }))
        .filter((p) => p.section),
    [comments],
  );
  const updating = query.isFetching || key !== JSON.stringify(draft);

  return (
    <section className="card preview" aria-labelledby="live-preview-title">
      <h2 id="live-preview-title" tabIndex={-1}>
        Live preview
      </h2>
      <p className="muted" aria-live="polite">
        {updating ? 'Updating…' : 'Shows your words as you type. Build the proof to review and approve it.'}
      </p>
      <div className="toolbar" role="group" aria-label="Live preview options">
        <DeviceSwitch device={device} onChange={setDevice} />
      </div>
      {/* Not an alert: typing on is the answer, and the editor shows the field's own error. */}
      {query.error && (
        <p className="field-error">
          {lastGood ? 'The preview shows your last words that could be used: ' : 'No preview yet: '}
          {errorDetail(query.error)}
        </p>
      )}
      {lastGood !== undefined && <EmailFrame html={lastGood} device={device} title="Live email preview" pins={pins} />}
    </section>
  );
}
