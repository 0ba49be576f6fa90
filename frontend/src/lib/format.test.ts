import { describe, expect, it } from 'vitest';
import { formatBytes, statusLabel, timeAgo } from './format';

describe('format', () => {
  const now = new Date('2026-11-25T12:00:00Z');
  it('says how long ago something changed', () => {
    expect(timeAgo('2026-11-25T11:59:50Z', now)).toBe('just now');
    expect(timeAgo('2026-11-25T11:55:00Z', now)).toBe('5 minutes ago');
    expect(timeAgo('2026-11-25T09:00:00Z', now)).toBe('3 hours ago');
    expect(timeAgo('2026-11-23T12:00:00Z', now)).toBe('2 days ago');
    expect(timeAgo('2025-01-02T12:00:00Z', now)).toMatch(/2025/);
    expect(timeAgo('not a date', now)).toBe('not a date');
  });
  it('formats sizes and statuses', () => {
    expect(formatBytes(512)).toBe('512 B');
    expect(formatBytes(2048)).toBe('2.0 KB');
    expect(formatBytes(3 * 1024 * 1024)).toBe('3.0 MB');
    expect(statusLabel('proof_ready')).toBe('Proof ready');
    expect(statusLabel('something_new')).toBe('something new');
  });
});
