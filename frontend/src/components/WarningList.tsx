import type { Warning } from '@/lib/types';

const SEVERITY_LABEL: Record<string, string> = { error: 'Problem', warning: 'Warning', info: 'Note' };

/** Lists proof/copy warnings, most severe first. */
export function WarningList({ warnings, emptyText }: { warnings: Warning[]; emptyText?: string }) {
  if (warnings.length === 0) return emptyText ? <p className="muted">{emptyText}</p> : null;
  const order = { error: 0, warning: 1, info: 2 } as Record<string, number>;
  const sorted = [...warnings].sort((a, b) => (order[a.severity] ?? 3) - (order[b.severity] ?? 3));
  return (
    <ul className="warnings">
      {sorted.map((w, i) => (
        <li key={`${w.code}-${i}`} className={`warning warning-${w.severity}`}>
          <strong>{SEVERITY_LABEL[w.severity] ?? w.severity}:</strong> {w.message}
        </li>
      ))}
    </ul>
  );
}
