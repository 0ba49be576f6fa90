import { useState, type FormEvent } from 'react';
import { Button } from '@/components/Button';
import { ErrorMessage } from '@/components/ErrorMessage';
import { SelectField, TextArea, TextField } from '@/components/Field';
import { Notice } from '@/components/Notice';
import { ApiError } from '@/lib/api-client';
import type { Campaign, Tone } from '@/lib/types';
import { isHttpUrl } from '@/lib/file-rules';
import { useUpdateCampaign, type CampaignEdit } from '../api/campaign-actions';

type Field = 'campaign_name' | 'advertiser_name' | 'text_content' | 'cta_url' | 'postal_address';

/** Which field a server refusal is about, from its words ("The button link must be…"). */
function fieldOf(error: unknown): Field | null {
  if (!(error instanceof ApiError)) return null;
  const d = error.detail.toLowerCase();
  if (d.includes('button link')) return 'cta_url';
  if (d.includes('postal address')) return 'postal_address';
  if (d.includes('campaign name')) return 'campaign_name';
  if (d.includes('advertiser name')) return 'advertiser_name';
  if (d.includes('sale text')) return 'text_content';
  return null;
}

/** The campaign's details after upload; saving makes the next proof a new version. */
export function CampaignDetailsForm({ campaign }: { campaign: Campaign }) {
  const [values, setValues] = useState({
    campaign_name: campaign.campaign_name,
    advertiser_name: campaign.advertiser_name,
    text_content: campaign.text_content,
    cta_url: campaign.cta_url ?? '',
    postal_address: campaign.postal_address ?? '',
    tone: campaign.tone,
  });
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({});
  const mutation = useUpdateCampaign(campaign.id);
  const set = (name: keyof typeof values) => (e: { target: { value: string } }) => setValues({ ...values, [name]: e.target.value });

  function onSubmit(e: FormEvent) {
    e.preventDefault();
    const errs: Partial<Record<Field, string>> = {};
    if (!values.campaign_name.trim()) errs.campaign_name = 'Enter a campaign name.';
    if (!values.advertiser_name.trim()) errs.advertiser_name = 'Enter the advertiser name.';
    if (values.cta_url.trim() && !isHttpUrl(values.cta_url.trim())) errs.cta_url = 'Enter a full web address starting with http:// or https://.';
    setErrors(errs);
    if (Object.keys(errs).length) return;
    const body: CampaignEdit = {
      campaign_name: values.campaign_name.trim(),
      advertiser_name: values.advertiser_name.trim(),
      text_content: values.text_content,
      cta_url: values.cta_url.trim() || null,
      postal_address: values.postal_address.trim() || null,
      tone: values.tone,
    };
    mutation.mutate(body, {
      onError: (err) => {
        const field = fieldOf(err);
        if (field && err instanceof ApiError) setErrors({ [field]: err.detail });
      },
    });
  }

  const serverFieldError = fieldOf(mutation.error) !== null;
  return (
    <details className="card details-form">
      <summary>
        <h2>Details</h2>
      </summary>
      <form onSubmit={onSubmit} className="stack" noValidate>
        <TextField label="Campaign name" maxLength={120} value={values.campaign_name} error={errors.campaign_name} onChange={set('campaign_name')} />
        <TextField label="Advertiser name" maxLength={120} value={values.advertiser_name} error={errors.advertiser_name} onChange={set('advertiser_name')} />
        <TextArea label="About the auction" rows={5} maxLength={5000} value={values.text_content} error={errors.text_content} onChange={set('text_content')} />
        <TextField label="Button link" type="url" inputMode="url" value={values.cta_url} error={errors.cta_url} onChange={set('cta_url')} />
        <TextArea label="Postal address" rows={2} maxLength={300} value={values.postal_address} error={errors.postal_address} onChange={set('postal_address')} />
        <SelectField label="Tone" value={values.tone} onChange={(e) => setValues({ ...values, tone: e.target.value as Tone })}>
          <option value="professional">Professional</option>
          <option value="friendly">Friendly</option>
          <option value="urgent">Urgent</option>
          <option value="luxury">Luxury</option>
        </SelectField>
        {!serverFieldError && <ErrorMessage error={mutation.error} title="The details were not saved." />}
        {mutation.isSuccess && <Notice tone="success">Saved. The next proof shows the change as a new version.</Notice>}
        <div className="actions">
          <Button type="submit" busy={mutation.isPending}>
            Save details
          </Button>
        </div>
      </form>
    </details>
  );
}
