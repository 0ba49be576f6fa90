import type { FrameDevice } from './EmailFrame';

/** The inbox line above a proof: the subject a reader sees and, when there is one, the preheader. */
export function InboxLine({ subject, preheader }: { subject: string | undefined; preheader?: string | null }) {
  return (
    <div className="inbox-line">
      <p>
        <span className="muted">Subject:</span> <strong>{subject}</strong>
      </p>
      {preheader && (
        <p>
          <span className="muted">Preheader:</span> {preheader}
        </p>
      )}
    </div>
  );
}

/** Desktop / Mobile: the width the proof is shown at (pressed buttons, so screen readers hear which). */
export function DeviceSwitch({ device, onChange }: { device: FrameDevice; onChange: (device: FrameDevice) => void }) {
  return (
    <div className="segmented" role="group" aria-label="Device">
      {(['desktop', 'mobile'] as const).map((d) => (
        <button key={d} type="button" aria-pressed={device === d} onClick={() => onChange(d)}>
          {d === 'desktop' ? 'Desktop' : 'Mobile'}
        </button>
      ))}
    </div>
  );
}
