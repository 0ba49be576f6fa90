import type { ReactNode } from 'react';
import { Button } from '@/components/Button';
import { ErrorMessage } from '@/components/ErrorMessage';
import { Notice } from '@/components/Notice';
import { useDownload } from '../api/review';

/** The approved email as a ZIP: HTML, images, plain text and subject lines. */
/** `children`: what follows the download (the app puts the sending options there). */
export function DownloadCard({
  campaignId,
  campaignName,
  proofVersion,
  children,
}: {
  campaignId: string;
  campaignName: string;
  proofVersion?: number;
  children?: ReactNode;
}) {
  const fallback = `${campaignName.replace(/[^a-z0-9]+/gi, '-').replace(/^-|-$/g, '').toLowerCase() || 'campaign'}.zip`;
  const download = useDownload(campaignId, fallback);
  return (
    <section className="card" aria-labelledby="download-title">
      <h2 id="download-title">Approved{proofVersion ? `: proof ${proofVersion}` : ''}</h2>
      <p>Your email is ready. The ZIP holds the HTML, its images, the plain-text version and the subject lines.</p>
      <ErrorMessage error={download.error} onRetry={() => download.mutate()} title="The download did not start." />
      {download.isSuccess && <Notice tone="success">Downloaded {download.data}.</Notice>}
      <div className="actions">
        <Button onClick={() => download.mutate()} busy={download.isPending}>
          Download ZIP
        </Button>
      </div>
      {children}
    </section>
  );
}
