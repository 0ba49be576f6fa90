import { useState, type FormEvent } from 'react';
import { Button } from '@/components/Button';
import { ErrorMessage } from '@/components/ErrorMessage';
import { SelectField, TextArea, TextField } from '@/components/Field';
import { Notice } from '@/components/Notice';
import type { CopyVersion, FactsRecord } from '@/lib/types';
import { useUpdateFacts } from '../api/update-facts';
import { correctionOf, draftOf, FORMAT_TEXT, ROLE_TEXT, type EventRole, type FactsDraft, type SaleFormat } from '../facts-form';

interface FactsEditorProps {
  campaignId: string;
  /** The latest copy version; its `facts` record is what the email states as fact. */
  copy: CopyVersion;
  disabled?: boolean;
}

/**
 * The sale's facts as read from the advertiser's text (when, where, lots, featured items, terms, contact,
 * web addresses), for the advertiser to check and correct. A correction wins over the parse in every rewrite.
 */
export function FactsEditor(props: FactsEditorProps) {
  const [savedVersion, setSavedVersion] = useState<number | null>(null);
  if (!props.copy.facts) return null;
  return (
    <FactsForm
      key={props.copy.version}
      {...props}
      facts={props.copy.facts}
      onSaved={setSavedVersion}
      savedNotice={savedVersion === props.copy.version}
    />
  );
}

interface FactsFormProps extends FactsEditorProps {
  facts: FactsRecord;
  onSaved: (version: number) => void;
  savedNotice: boolean;
}

function FactsForm({ campaignId, copy, facts, disabled, onSaved, savedNotice }: FactsFormProps) {
  const [draft, setDraft] = useState<FactsDraft>(() => draftOf(facts));
  const [nothingChanged, setNothingChanged] = useState(false);
  const mutation = useUpdateFacts(campaignId);
  const set = (changes: Partial<FactsDraft>) => setDraft((d) => ({ ...d, ...changes }));
  const corrected = Object.keys(copy.fact_corrections ?? {});

  function onSubmit(e: FormEvent) {
    e.preventDefault();
    const correction = correctionOf(facts, draft);
    if (Object.keys(correction).length === 0) return setNothingChanged(true);
    setNothingChanged(false);
    mutation.mutate(correction, { onSuccess: (v) => onSaved(v.version) });
  }

  const locked = disabled || mutation.isPending;
  return (
    <section className="card" aria-labelledby="facts-title">
      <h2 id="facts-title">The sale’s facts</h2>
      <p className="hint">
        Read from your text. The email states exactly these, in the copy or its “Sale details” block — correct anything we read wrong.
        {corrected.length > 0 && <> You corrected: {corrected.join(', ').replaceAll('_', ' ')}.</>}
      </p>
      <form onSubmit={onSubmit} className="stack">
        <fieldset className="stack" disabled={locked}>
          <legend>When</legend>
          <SelectField label="Sale format" value={draft.sale_format} onChange={(e) => set({ sale_format: e.target.value as SaleFormat })}>
            {Object.entries(FORMAT_TEXT).map(([value, text]) => (
              <option key={value} value={value}>
                {text}
              </option>
            ))}
          </SelectField>
          {draft.events.map((event, i) => (
            <div className="fact-row" key={i}>
              <SelectField
                label={`Date ${i + 1}: what happens`}
                value={event.role}
                onChange={(e) => set({ events: draft.events.map((x, j) => (j === i ? { ...x, role: e.target.value as EventRole } : x)) })}
              >
                {Object.entries(ROLE_TEXT).map(([value, text]) => (
                  <option key={value} value={value}>
                    {text}
                  </option>
                ))}
              </SelectField>
              <TextField
                label={`Date ${i + 1}: when`}
                maxLength={200}
                value={event.text}
                onChange={(e) => set({ events: draft.events.map((x, j) => (j === i ? { ...x, text: e.target.value } : x)) })}
              />
              <Button variant="link" onClick={() => set({ events: draft.events.filter((_, j) => j !== i) })}>
                Remove date {i + 1}
              </Button>
            </div>
          ))}
          <Button variant="secondary" onClick={() => set({ events: [...draft.events, { role: 'sale_starts', text: '' }] })}>
            Add a date
          </Button>
        </fieldset>
        <fieldset className="stack" disabled={locked}>
          <legend>Where and what</legend>
          <TextField label="Venue" maxLength={200} value={draft.venue} onChange={(e) => set({ venue: e.target.value })} />
          <TextField label="Street address" maxLength={300} value={draft.street_address} onChange={(e) => set({ street_address: e.target.value })} />
          <TextField label="Number of lots" maxLength={60} value={draft.lot_count} onChange={(e) => set({ lot_count: e.target.value })} />
          {draft.featured_items.map((item, i) => (
            <div className="fact-row" key={i}>
              <TextField
                label={`Featured item ${i + 1}`}
                maxLength={200}
                value={item.name}
                onChange={(e) => set({ featured_items: draft.featured_items.map((x, j) => (j === i ? { ...x, name: e.target.value } : x)) })}
              />
              <TextField
                label={`Item ${i + 1} lot number`}
                maxLength={20}
                value={item.lot_number}
                onChange={(e) => set({ featured_items: draft.featured_items.map((x, j) => (j === i ? { ...x, lot_number: e.target.value } : x)) })}
              />
              <TextField
                label={`Item ${i + 1} estimate`}
                maxLength={60}
                value={item.estimate}
                onChange={(e) => set({ featured_items: draft.featured_items.map((x, j) => (j === i ? { ...x, estimate: e.target.value } : x)) })}
              />
              <Button variant="link" onClick={() => set({ featured_items: draft.featured_items.filter((_, j) => j !== i) })}>
                Remove item {i + 1}
              </Button>
            </div>
          ))}
          <Button variant="secondary" onClick={() => set({ featured_items: [...draft.featured_items, { name: '', lot_number: '', estimate: '' }] })}>
            Add a featured item
          </Button>
        </fieldset>
        <fieldset className="stack" disabled={locked}>
          <legend>Terms</legend>
          <TextField label="Buyer’s premium" maxLength={200} value={draft.buyers_premium} onChange={(e) => set({ buyers_premium: e.target.value })} />
          <TextField label="Deposit" maxLength={200} value={draft.deposit} onChange={(e) => set({ deposit: e.target.value })} />
          <TextArea label="Payment methods" hint="One per line." rows={2} value={draft.payment_methods} onChange={(e) => set({ payment_methods: e.target.value })} />
          <TextField label="Tax" maxLength={200} value={draft.tax} onChange={(e) => set({ tax: e.target.value })} />
        </fieldset>
        <fieldset className="stack" disabled={locked}>
          <legend>Contact and links</legend>
          <TextArea label="Phone numbers" hint="One per line, as bidders should see them." rows={2} value={draft.phones} onChange={(e) => set({ phones: e.target.value })} />
          <TextArea label="E-mail addresses" hint="One per line." rows={2} value={draft.emails} onChange={(e) => set({ emails: e.target.value })} />
          <TextArea label="Licence numbers" hint="One per line." rows={2} value={draft.licences} onChange={(e) => set({ licences: e.target.value })} />
          <TextArea label="Web addresses" hint="One per line." rows={2} value={draft.urls} onChange={(e) => set({ urls: e.target.value })} />
        </fieldset>
        {nothingChanged && <p className="hint">Nothing to save: change a fact first.</p>}
        <ErrorMessage error={mutation.error} title="Your corrections were not saved." />
        {savedNotice && !mutation.isError && <Notice tone="success">Saved as copy version {copy.version}. Build the proof again to see it.</Notice>}
        <div className="actions">
          <Button type="submit" busy={mutation.isPending} disabled={disabled}>
            Save facts
          </Button>
        </div>
      </form>
    </section>
  );
}
