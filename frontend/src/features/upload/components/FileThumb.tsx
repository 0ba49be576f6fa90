import { useEffect, useState } from 'react';
import { formatBytes } from '@/lib/format';

/** A picked image's preview with a remove button that names the file for screen readers. */
export function FileThumb({ file, onRemove }: { file: File; onRemove: () => void }) {
  const [src, setSrc] = useState<string | null>(null);
  const [broken, setBroken] = useState(false);
  useEffect(() => {
    const url = URL.createObjectURL(file);
    // Object URLs are an external resource: create and revoke them with the file.
    // eslint-disable-next-line react-hooks/set-state-in-effect
    setSrc(url);
    return () => URL.revokeObjectURL(url);
  }, [file]);
  return (
    <li className="file-thumb">
      {src && !broken ? (
        <img src={src} alt="" width={96} height={96} onError={() => setBroken(true)} />
      ) : (
        <span className="thumb-missing" aria-hidden="true">
          No preview
        </span>
      )}
      <span className="file-name">{file.name}</span>
      <span className="muted">{formatBytes(file.size)}</span>
      <button type="button" className="btn btn-link" onClick={onRemove} aria-label={`Remove ${file.name}`}>
        Remove
      </button>
    </li>
  );
}
