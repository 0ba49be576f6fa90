import { useState, type KeyboardEvent, type MouseEvent } from 'react';
import { Button } from '@/components/Button';
import { checkImageFile } from '@/lib/file-rules';
import { useUploadLimits } from '@/lib/upload-options';
import { errorDetail } from '@/lib/api-client';
import type { Asset } from '@/lib/types';
import { useAddAsset, useDeleteAsset, useUpdateAsset } from '../api/campaign-actions';

/**
 * The campaign's logo and photos after upload: replace the logo, add, reorder or remove photos, and
 * click a photo where its subject is so crops keep it. Errors are shown next to the picture.
 */
export function AssetManager({ campaignId, assets }: { campaignId: string; assets: Asset[] }) {
  const logo = assets.find((a) => a.role === 'logo');
  const photos = assets.filter((a) => a.role === 'hero').sort((a, b) => a.position - b.position);
  const add = useAddAsset(campaignId);
  const update = useUpdateAsset(campaignId);
  const remove = useDeleteAsset(campaignId);
  // The server's own limits (MAX_UPLOAD_MB, photos per campaign), as on the new-campaign form.
  const { maxBytes, maxPhotos } = useUploadLimits();
  const [errors, setErrors] = useState<Record<string, string>>({});

  function pick(role: 'logo' | 'hero', slot: string, file: File | undefined) {
    if (!file) return;
    const problem = checkImageFile(file, maxBytes);
    if (problem) return setErrors({ [slot]: problem });
    setErrors({});
    add.mutate({ role, file }, { onError: (err) => setErrors({ [slot]: errorDetail(err) }) });
  }

  function focal(asset: Asset, e: MouseEvent<HTMLButtonElement>) {
    const box = e.currentTarget.getBoundingClientRect();
    const x = Math.min(1, Math.max(0, (e.clientX - box.left) / box.width));
    const y = Math.min(1, Math.max(0, (e.clientY - box.top) / box.height));
    update.mutate({ assetId: asset.id, focal_x: Math.round(x * 100) / 100, focal_y: Math.round(y * 100) / 100 });
  }

  function nudge(asset: Asset, e: KeyboardEvent<HTMLButtonElement>) {
    const step: Record<string, [number, number]> = { ArrowLeft: [-0.1, 0], ArrowRight: [0.1, 0], ArrowUp: [0, -0.1], ArrowDown: [0, 0.1] };
    const move = step[e.key];
    if (!move) return;
    e.preventDefault();
    const clamp = (v: number) => Math.round(Math.min(1, Math.max(0, v)) * 100) / 100;
    update.mutate({ assetId: asset.id, focal_x: clamp(asset.focal_x + move[0]), focal_y: clamp(asset.focal_y + move[1]) });
  }

  return (
    <section className="card" aria-labelledby="assets-title">
      <h2 id="assets-title">Logo and photos</h2>
      <div className="asset-slot">
        {logo && <img src={logo.url} alt={`Current logo (${logo.filename})`} height={56} />}
        <label className="btn btn-secondary file-button">
          Replace the logo
          <input type="file" className="visually-hidden" accept="image/jpeg,image/png,image/gif,image/webp" onChange={(e) => pick('logo', 'logo', e.target.files?.[0])} />
        </label>
        {errors.logo && <p className="field-error">{errors.logo}</p>}
      </div>
      <ol className="photo-list" aria-label="Photos, in the order the email shows them">
        {photos.map((p, i) => (
          <li key={p.id} className="photo-item">
            <button type="button" className="focal-picker" onClick={(e) => focal(p, e)} onKeyDown={(e) => nudge(p, e)}
              aria-label={`Photo ${i + 1}, ${p.filename}: click where the subject is (arrow keys move it); now at ${Math.round(p.focal_x * 100)}% across, ${Math.round(p.focal_y * 100)}% down`}>
              <img src={p.url} alt="" width={120} />
              <span className="focal-dot" aria-hidden="true" style={{ left: `${p.focal_x * 100}%`, top: `${p.focal_y * 100}%` }} />
            </button>
            <div className="actions">
              <Button variant="link" disabled={i === 0} onClick={() => update.mutate({ assetId: p.id, position: i - 1 })}>
                Move up<span className="visually-hidden"> photo {i + 1}</span>
              </Button>
              <Button variant="link" disabled={i === photos.length - 1} onClick={() => update.mutate({ assetId: p.id, position: i + 1 })}>
                Move down<span className="visually-hidden"> photo {i + 1}</span>
              </Button>
              <Button variant="link" onClick={() => remove.mutate(p.id, { onError: (err) => setErrors({ [p.id]: errorDetail(err) }) })}>
                Remove<span className="visually-hidden"> photo {i + 1}</span>
              </Button>
            </div>
            {errors[p.id] && <p className="field-error">{errors[p.id]}</p>}
          </li>
        ))}
      </ol>
      {photos.length < maxPhotos && (
        <div className="asset-slot">
          <label className="btn btn-secondary file-button">
            Add a photo
            <input type="file" className="visually-hidden" accept="image/jpeg,image/png,image/gif,image/webp" onChange={(e) => pick('hero', 'new', e.target.files?.[0])} />
          </label>
          {errors.new && <p className="field-error">{errors.new}</p>}
        </div>
      )}
      {update.error && <p className="field-error">{errorDetail(update.error)}</p>}
    </section>
  );
}
