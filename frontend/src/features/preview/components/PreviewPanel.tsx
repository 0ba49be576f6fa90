import { useEffect, useRef, useState } from 'react';
import { ErrorMessage } from '@/components/ErrorMessage';
import { DeviceSwitch, InboxLine } from '@/components/ProofControls';
import { Spinner } from '@/components/Spinner';
import { WarningList } from '@/components/WarningList';
import { forceDarkMode } from '../dark-mode';
import { usePreview, usePreviewHtml, useProofPicture, type Device, type Theme } from '../api/get-preview';

const WIDTH: Record<Device, number> = { desktop: 640, mobile: 375 };

/**
 * The proof as readers will see it: the email HTML in a sandboxed iframe
 * (no scripts), at desktop or phone width, light or dark, plus picture proofs
 * when the server can render them.
 */
interface PreviewPanelProps {
  campaignId: string;
  proofVersion: number | undefined;
}

export function PreviewPanel({ campaignId, proofVersion }: PreviewPanelProps) {
  // Under 640 px the desktop email does not fit: the phone view is the default there.
  const [device, setDevice] = useState<Device>(() => (window.matchMedia?.('(max-width: 639px)').matches ? 'mobile' : 'desktop'));
  const [theme, setTheme] = useState<Theme>('light');
  const [height, setHeight] = useState(900);
  const [view, setView] = useState<'live' | 'picture'>('live');
  const frameRef = useRef<HTMLIFrameElement>(null);
  const preview = usePreview(campaignId, proofVersion);
  const html = usePreviewHtml(campaignId, proofVersion);
  const picture = useProofPicture(campaignId, proofVersion, device, theme, proofVersion !== undefined);

  const data = preview.data;

  function fitToContent(frame: HTMLIFrameElement) {
    const doc = frame.contentDocument;
    if (!doc?.documentElement) return;
    setHeight(Math.min(Math.max(doc.documentElement.scrollHeight, 300), 6000));
  }

  // A narrower frame makes the email taller: measure again after switching devices.
  useEffect(() => {
    const handle = requestAnimationFrame(() => {
      const doc = frameRef.current?.contentDocument;
      if (doc?.documentElement?.scrollHeight) setHeight(Math.min(Math.max(doc.documentElement.scrollHeight, 300), 6000));
    });
    return () => cancelAnimationFrame(handle);
  }, [device, theme]);
  const primary = data ? (data.subject_lines[data.primary_subject_index] ?? data.subject_lines[0]) : undefined;
  // Picture proofs exist only when the server has a browser; the button appears once one has rendered.
  const picturesAvailable = picture.data != null;
  const showPicture = view === 'picture' && picturesAvailable;

  return (
    <section className="card preview" aria-labelledby="preview-title">
      <h2 id="preview-title" tabIndex={-1}>Preview{data ? ` of proof ${data.proof_version}` : ''}</h2>
      {preview.isPending && <Spinner label="Loading the preview…" />}
      <ErrorMessage error={preview.error} onRetry={() => void preview.refetch()} title="We could not load the preview." />
      {data && <InboxLine subject={primary} preheader={data.preheader} />}
      <div className="toolbar" role="group" aria-label="Preview options">
        <DeviceSwitch device={device} onChange={setDevice} />
        <button type="button" className="toggle" aria-pressed={theme === 'dark'} onClick={() => setTheme(theme === 'dark' ? 'light' : 'dark')}>
          Dark mode
        </button>
        {picturesAvailable && (
          <div className="segmented" role="group" aria-label="View">
            <button type="button" aria-pressed={!showPicture} onClick={() => setView('live')}>
              Live email
            </button>
            <button type="button" aria-pressed={showPicture} onClick={() => setView('picture')}>
              Picture proof
            </button>
          </div>
        )}
      </div>
      <ErrorMessage error={html.error} onRetry={() => void html.refetch()} title="We could not load the email." />
      {html.isPending && <Spinner label="Loading the email…" />}
      {html.data !== undefined && !showPicture && (
        // The stage scrolls sideways on narrow screens, so it must be reachable by keyboard.
        // eslint-disable-next-line jsx-a11y/no-noninteractive-tabindex
        <div className={`frame-stage frame-${theme}`} tabIndex={0} role="region" aria-label={`Email at ${device} width`}>
          <iframe
            title={`Email preview, ${device}, ${theme} mode`}
            // No allow-scripts: the email can never run code. allow-same-origin only lets this page
            // read the email's height so the whole email shows without a second scrollbar.
            sandbox="allow-same-origin allow-popups allow-popups-to-escape-sandbox"
            srcDoc={theme === 'dark' ? forceDarkMode(html.data) : html.data}
            width={WIDTH[device]}
            height={height}
            ref={frameRef}
            onLoad={(e) => fitToContent(e.currentTarget)}
            className={`frame-${device}`}
            style={{ colorScheme: theme, width: WIDTH[device] }}
          />
        </div>
      )}
      {showPicture && picture.data && (
        <figure className="picture-proof" aria-busy={picture.isPlaceholderData || undefined}>
          {picture.isPlaceholderData ? (
            <Spinner label={`Rendering the ${device} picture in ${theme} mode…`} />
          ) : (
            <img src={picture.data} alt={`Rendered proof on ${device} in ${theme} mode`} className={`picture-${device}`} />
          )}
          <figcaption>The email as a real browser renders it ({device}, {theme} mode).</figcaption>
        </figure>
      )}
      {picture.error ? (
        <ErrorMessage
          error={picture.error}
          title="The picture proof could not be loaded."
          onRetry={() => void picture.refetch()}
        />
      ) : null}
      <h3>Checks</h3>
      {data && <WarningList warnings={data.warnings ?? []} emptyText="No problems found: size, alt text and contrast look fine." />}
      {data?.plain_text && (
        <details>
          <summary>Plain-text version</summary>
          <pre className="plain-text">{data.plain_text}</pre>
        </details>
      )}
    </section>
  );
}
