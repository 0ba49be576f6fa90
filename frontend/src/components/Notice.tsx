import type { ReactNode } from 'react';

interface NoticeProps {
  tone?: 'info' | 'success' | 'warning';
  children: ReactNode;
}

/** A polite status message (saved, approved, fallback copy used...). */
export function Notice({ tone = 'info', children }: NoticeProps) {
  return (
    <div className={`alert alert-${tone}`} role="status">
      {children}
    </div>
  );
}
