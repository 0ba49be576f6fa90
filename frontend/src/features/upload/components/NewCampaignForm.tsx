import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router';
import { useQueryClient } from '@tanstack/react-query';
import { Button } from '@/components/Button';
import { ErrorMessage } from '@/components/ErrorMessage';
import { SelectField, TextArea, TextField } from '@/components/Field';
import { ApiError } from '@/lib/api-client';
import { usePageTitle } from '@/lib/use-page-title';
import { uploadOptionsQuery, useUploadLimits } from '@/lib/upload-options';
import { acceptFiles, detailErrorFromServer, fileErrorFromServer, isHttpUrl, type DetailField } from '../api/file-rules';
import { uploadCampaign } from '../api/upload-campaign';
import { Dropzone } from './Dropzone';

const MAX_NAME = 120;
const MAX_TEXT = 5000;
const MAX_ADDRESS = 300;

type FieldErrors = Partial<Record<DetailField, string>>;

/**
 * The new-campaign form: details, logo and up to three photos, uploaded with a real progress bar:
 * straight to S3 when the API offers it, multipart to the API otherwise.
 */
export function NewCampaignForm() {
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const formRef = useRef<HTMLFormElement>(null);
  const inFlight = useRef<AbortController | null>(null);
  // Asked while the form is filled in, so Upload already knows which way to send the files, and the
  // pictures are checked against the server's own limits, not assumed ones.
  const { maxBytes, maxPhotos, limit } = useUploadLimits();
  // Leaving the page stops an upload still sending (to S3 or to the API).
  useEffect(() => () => inFlight.current?.abort(), []);

  const [campaignName, setCampaignName] = useState('');
  const [advertiserName, setAdvertiserName] = useState('');
  const [textContent, setTextContent] = useState('');
  const [ctaUrl, setCtaUrl] = useState('');
  const [tone, setTone] = useState('');
  const [postalAddress, setPostalAddress] = useState('');
  const [logo, setLogo] = useState<File[]>([]);
  const [photos, setPhotos] = useState<File[]>([]);
  const [logoErrors, setLogoErrors] = useState<string[]>([]);
  const [photoErrors, setPhotoErrors] = useState<string[]>([]);
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});
  const [progress, setProgress] = useState<number | null>(null);
  const [error, setError] = useState<unknown>(null);

  const uploading = progress !== null;
  usePageTitle('New campaign');

  function validate(): boolean {
    const errs: FieldErrors = {};
    if (!campaignName.trim()) errs.campaignName = 'Enter a campaign name.';
    if (!advertiserName.trim()) errs.advertiserName = 'Enter the advertiser name.';
    if (ctaUrl.trim() && !isHttpUrl(ctaUrl.trim())) errs.ctaUrl = 'Enter a full web address starting with http:// or https://.';
    if (textContent.length > MAX_TEXT) errs.textContent = `Keep the text under ${MAX_TEXT} characters.`;
    if (postalAddress.length > MAX_ADDRESS) errs.postalAddress = `Keep the address under ${MAX_ADDRESS} characters.`;
    setFieldErrors(errs);
    const logoMissing = logo.length === 0;
    if (logoMissing) setLogoErrors([`Add your logo (JPEG, PNG, GIF or WebP, up to ${limit}).`]);
    // A picture that could not be used blocks the upload until it is removed or replaced: the campaign
    // must never be created quietly without it.
    const filesInvalid = photoErrors.length > 0 || (logoErrors.length > 0 && !logoMissing);
    const ok = Object.keys(errs).length === 0 && !logoMissing && !filesInvalid;
    if (!ok) {
      // Move focus to the first problem so keyboard and screen-reader users land on it.
      requestAnimationFrame(() => {
        const first = formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]');
        first?.focus();
      });
    }
    return ok;
  }

  async function submit() {
    const first = logo[0];
    if (!first) return;
    setError(null);
    setProgress(0);
    const controller = new AbortController();
    inFlight.current = controller;
    try {
      // Cached since the form opened; an API that cannot say gets the multipart upload every API takes.
      const options = await queryClient.fetchQuery(uploadOptionsQuery).catch(() => null);
      const campaign = await uploadCampaign(
        { campaignName, advertiserName, textContent, ctaUrl, tone, postalAddress, logo: first, photos },
        ({ loaded, total }) => setProgress(total ? Math.round((loaded / total) * 100) : 0),
        {
          mode: options?.direct ? 'direct' : 'multipart',
          signal: controller.signal,
          maxBytes: options?.max_bytes,
          // Remembered for the session: no later upload spends a failed attempt finding out again.
          onDirectUnreachable: () => options && queryClient.setQueryData(uploadOptionsQuery.queryKey, { ...options, direct: false }),
        },
      );
      await queryClient.invalidateQueries({ queryKey: ['campaigns'] });
      navigate(`/campaigns/${campaign.id}`);
    } catch (err) {
      if (controller.signal.aborted) return; // the page was left; nobody is there to tell
      setProgress(null);
      // A picture the server refused is shown next to that picture, in words, not as a banner;
      // a detail it refused, under that field.
      const detail = err instanceof ApiError ? err.detail : '';
      const problem = fileErrorFromServer(detail, photos);
      const fieldProblem = err instanceof ApiError && err.status === 422 ? detailErrorFromServer(detail) : null;
      if (problem?.field === 'logo') setLogoErrors([problem.message]);
      else if (problem) setPhotoErrors([problem.message]);
      else if (fieldProblem) {
        setFieldErrors({ [fieldProblem.field]: fieldProblem.message });
        requestAnimationFrame(() => formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus());
      } else setError(err);
    } finally {
      if (inFlight.current === controller) inFlight.current = null;
    }
  }

  function onSubmit(e: FormEvent) {
    e.preventDefault();
    if (validate()) void submit();
  }

  return (
    <section aria-labelledby="new-title">
      <h1 id="new-title" tabIndex={-1}>
        New campaign
      </h1>
      <p className="lead">Tell us about the auction. We write the email, you check it and approve it.</p>
      <form ref={formRef} onSubmit={onSubmit} noValidate className="stack">
        <fieldset disabled={uploading} className="stack">
          <legend>Details</legend>
          <TextField
            label="Campaign name"
            name="campaign_name"
            required
            maxLength={MAX_NAME}
            value={campaignName}
            error={fieldErrors.campaignName}
            onChange={(e) => setCampaignName(e.target.value)}
          />
          <TextField
            label="Advertiser name"
            name="advertiser_name"
            required
            maxLength={MAX_NAME}
            autoComplete="organization"
            value={advertiserName}
            error={fieldErrors.advertiserName}
            onChange={(e) => setAdvertiserName(e.target.value)}
          />
          <TextArea
            label="About the auction"
            name="text_content"
            rows={6}
            maxLength={MAX_TEXT}
            hint={`Dates, location, highlights, how to bid. ${textContent.length} of ${MAX_TEXT} characters.`}
            value={textContent}
            error={fieldErrors.textContent}
            onChange={(e) => setTextContent(e.target.value)}
          />
          <TextField
            label="Button link (optional)"
            name="cta_url"
            type="url"
            inputMode="url"
            placeholder="https://"
            hint="Where the email's button takes readers, e.g. your catalog on HiBid."
            value={ctaUrl}
            error={fieldErrors.ctaUrl}
            onChange={(e) => setCtaUrl(e.target.value)}
          />
          <TextArea
            label="Postal address (optional)"
            name="postal_address"
            rows={2}
            maxLength={MAX_ADDRESS}
            autoComplete="street-address"
            hint="Shown in the email's footer; US law (CAN-SPAM) and most email services require one."
            value={postalAddress}
            error={fieldErrors.postalAddress}
            onChange={(e) => setPostalAddress(e.target.value)}
          />
          <SelectField label="Tone (optional)" name="tone" value={tone} onChange={(e) => setTone(e.target.value)}>
            <option value="">Let us choose</option>
            <option value="professional">Professional</option>
            <option value="friendly">Friendly</option>
            <option value="urgent">Urgent</option>
            <option value="luxury">Luxury</option>
          </SelectField>
        </fieldset>
        <fieldset disabled={uploading} className="stack">
          <legend>Images</legend>
          <Dropzone
            label="Logo"
            hint={`One image. JPEG, PNG, GIF or WebP, up to ${limit}.`}
            files={logo}
            errors={logoErrors}
            onPick={(picked) => {
              // A new pick replaces the logo rather than being refused; a file that can't be used takes
              // the old logo's place too, so the error stays next to it until it is replaced.
              const { accepted, errors } = acceptFiles(picked.slice(0, 1), [], 1, maxBytes);
              setLogo(accepted);
              setLogoErrors(errors);
            }}
            onRemove={() => {
              setLogo([]);
              setLogoErrors([]);
            }}
          />
          <Dropzone
            label="Photos"
            hint={`Up to ${maxPhotos} photos of the lots. JPEG, PNG, GIF or WebP, up to ${limit} each.`}
            multiple
            files={photos}
            errors={photoErrors}
            onPick={(picked) => {
              const { accepted, errors } = acceptFiles(picked, photos, maxPhotos, maxBytes);
              setPhotos([...photos, ...accepted]);
              setPhotoErrors(errors);
            }}
            onRemove={(index) => {
              setPhotos(photos.filter((_, i) => i !== index));
              setPhotoErrors([]);
            }}
            onDismissErrors={() => setPhotoErrors([])}
          />
        </fieldset>
        {uploading && (
          <div className="upload-progress">
            <label htmlFor="upload-progress">Uploading… {progress}%</label>
            <progress id="upload-progress" max={100} value={progress ?? 0}>
              {progress}%
            </progress>
          </div>
        )}
        <ErrorMessage error={error} onRetry={() => void submit()} title="The upload did not go through." />
        {(photoErrors.length > 0 || logoErrors.length > 0) && (
          <p className="field-error" id="files-blocking">
            Remove or replace the picture marked above before uploading.
          </p>
        )}
        <div className="actions">
          <Button type="submit" busy={uploading} aria-describedby={photoErrors.length || logoErrors.length ? 'files-blocking' : undefined}>
            {uploading ? 'Uploading…' : 'Upload and continue'}
          </Button>
        </div>
      </form>
    </section>
  );
}
