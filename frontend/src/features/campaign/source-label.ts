/** Who wrote a copy version, in words. */
export function sourceLabel(source: string): string {
  switch (source) {
    case 'openai':
      return 'AI';
    case 'offline':
      return 'the offline writer';
    case 'fallback':
      return 'the offline writer (AI unavailable)';
    case 'edited':
      return 'you';
    default:
      return source;
  }
}
