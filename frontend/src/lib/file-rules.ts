/** The server's upload limits, checked before anything is sent. These are the server's defaults
 * (MAX_UPLOAD_MB, 3 photos); useUploadLimits (lib/upload-options.ts) gives the server's own. */
export const MAX_FILE_BYTES = 5 * 1024 * 1024;
export const MAX_PHOTOS = 3;
export const ACCEPTED_TYPES = ['image/jpeg', 'image/png', 'image/gif', 'image/webp'] as const;
export const ACCEPT_ATTR = ACCEPTED_TYPES.join(',');

const EXTENSION_TYPES: Record<string, string> = {
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  png: 'image/png',
  gif: 'image/gif',
  webp: 'image/webp',
};

function fileType(file: File): string {
  if (file.type) return file.type;
  // Some systems leave type empty; fall back to the extension (the server checks the content anyway).
  const ext = file.name.split('.').pop()?.toLowerCase() ?? '';
  return EXTENSION_TYPES[ext] ?? '';
}

/** "5 MB", "2.5 MB", "500 KB": a byte limit as the hints and messages say it. */
export function formatLimit(bytes: number): string {
  const mb = bytes / (1024 * 1024);
  if (mb >= 1) return `${Number.isInteger(mb) ? mb : mb.toFixed(1).replace(/\.0$/, '')} MB`;
  return `${Math.floor(bytes / 1024)} KB`;
}

/** Returns a sentence explaining why the file can't be used, or null when it is fine. */
export function checkImageFile(file: File, maxBytes: number = MAX_FILE_BYTES): string | null {
  if (!(ACCEPTED_TYPES as readonly string[]).includes(fileType(file))) {
    return `${file.name} is not a JPEG, PNG, GIF or WebP image.`;
  }
  if (file.size > maxBytes) {
    return `${file.name} is larger than ${formatLimit(maxBytes)}. Choose a smaller image.`;
  }
  if (file.size === 0) return `${file.name} is empty.`;
  return null;
}

/** Splits picked files into the ones to keep and the reasons others were refused. */
export function acceptFiles(
  picked: File[],
  current: File[],
  max: number,
  maxBytes: number = MAX_FILE_BYTES,
): { accepted: File[]; errors: string[] } {
  const errors: string[] = [];
  const accepted: File[] = [];
  for (const file of picked) {
    const problem = checkImageFile(file, maxBytes);
    if (problem) {
      errors.push(problem);
      continue;
    }
    if (current.length + accepted.length >= max) {
      errors.push(max === 1 ? 'Only one logo can be used.' : `You can add up to ${max} photos; ${file.name} was not added.`);
      continue;
    }
    accepted.push(file);
  }
  return { accepted, errors };
}

export function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}
