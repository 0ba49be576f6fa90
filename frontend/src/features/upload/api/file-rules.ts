/** The upload limits live in lib (the campaign page checks replaced pictures too); re-exported here. */
export * from '@/lib/file-rules';

/**
 * The server names a refused picture by its form field ("hero_images[1] (barn.jpg): not an image").
 * Returns which picture it was and a sentence in the user's words, or null for any other error.
 */
export function fileErrorFromServer(detail: string, photos: File[]): { field: 'logo' | 'photo'; index: number; message: string } | null {
  const match = /^(logo|hero_images\[(\d+)\]) \((.*?)\): (.+)$/s.exec(detail);
  if (!match) return null;
  const [, field, index, name, reason] = match;
  const why = (reason ?? '').replace(/^./, (c) => c.toUpperCase());
  if (field === 'logo') return { field: 'logo', index: 0, message: `Your logo ${name} can't be used. ${why}` };
  const i = Number(index);
  const shown = photos[i]?.name ?? name;
  return { field: 'photo', index: i, message: `Photo ${i + 1} (${shown}) can't be used. ${why}` };
}
