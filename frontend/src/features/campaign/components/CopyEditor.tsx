import { useEffect, useState, type FormEvent } from 'react';
import { Button } from '@/components/Button';
import { ErrorMessage } from '@/components/ErrorMessage';
import { TextArea, TextField } from '@/components/Field';
import { Notice } from '@/components/Notice';
import { WarningList } from '@/components/WarningList';
import type { Asset, CopyUpdate, CopyVersion } from '@/lib/types';
import { useUpdateCopy } from '../api/update-copy';
import { sourceLabel } from '../source-label';

const LIMITS = { subject: 60, preheader: 100, headline: 100, paragraph: 700, cta: 25, alt: 150, label: 40, value: 120, facts: 5 };

/**
 * Edits the latest copy: pick one of the three subject lines, tweak the words.
 * Saving creates a new copy version; the proof is rebuilt from it afterwards.
 */
interface CopyEditorProps {
  campaignId: string;
  copy: CopyVersion;
  /** The campaign's images, so their descriptions (alt text) can be edited too. */
  assets?: Asset[];
  disabled?: boolean;
  /** Called with the words as typed (the live preview renders them), only once they differ from the copy. */
  onDraftChange?: (draft: CopyUpdate | null) => void;
}

export function CopyEditor(props: CopyEditorProps) {
  // Kept out here: saving brings a new version, which remounts the form below.
  const [savedVersion, setSavedVersion] = useState<number | null>(null);
  // Remount on a new version so the form starts from the server's latest words.
  return <CopyForm key={props.copy.version} {...props} onSaved={setSavedVersion} savedNotice={savedVersion === props.copy.version} />;
}

function assetLabel(asset: Asset): string {
  return asset.role === 'logo' ? 'Logo' : `Lot image ${asset.position + 1}`;
}

interface CopyFormProps extends CopyEditorProps {
  onSaved: (version: number) => void;
  savedNotice: boolean;
}

function CopyForm({ campaignId, copy, assets = [], disabled, onSaved, savedNotice, onDraftChange }: CopyFormProps) {
  const [subjects, setSubjects] = useState<string[]>(() => [0, 1, 2].map((i) => copy.subject_lines[i] ?? ''));
  const [primary, setPrimary] = useState(copy.primary_subject_index ?? 0);
  const [preheader, setPreheader] = useState(copy.preheader ?? '');
  const [headline, setHeadline] = useState(copy.headline ?? '');
  const [paragraphs, setParagraphs] = useState<string[]>(copy.paragraphs.length ? copy.paragraphs : ['']);
  const [facts, setFacts] = useState(() => (copy.highlights ?? []).map((h) => ({ label: h.label, value: h.value })));
  const [ctaText, setCtaText] = useState(copy.cta_text ?? '');
  const [altTexts, setAltTexts] = useState<Record<string, string>>(() =>
    Object.fromEntries(assets.map((a) => [a.id, copy.alt_texts?.[a.id] ?? ''])),
  );
  const [localError, setLocalError] = useState<string | null>(null);
  const mutation = useUpdateCopy(campaignId);

  // The live preview follows the typing (it debounces); unchanged words send nothing.
  useEffect(() => {
    if (!onDraftChange) return;
    const draft: CopyUpdate = {
      subject_lines: subjects.map((x) => x.trim()),
      primary_subject_index: primary,
      preheader: preheader.trim(),
      headline: headline.trim(),
      paragraphs: paragraphs.map((p) => p.trim()).filter(Boolean),
      cta_text: ctaText.trim(),
      highlights: facts.map((f) => ({ label: f.label.trim(), value: f.value.trim() })).filter((f) => f.label && f.value),
    };
    const same =
      JSON.stringify([draft.preheader, draft.headline, draft.paragraphs, draft.cta_text, draft.highlights]) ===
      JSON.stringify([copy.preheader, copy.headline, copy.paragraphs, copy.cta_text, copy.highlights ?? []]);
    onDraftChange(same ? null : draft);
  }, [subjects, primary, preheader, headline, paragraphs, ctaText, facts, copy, onDraftChange]);

  function onSubmit(e: FormEvent) {
    e.preventDefault();
    const cleaned = paragraphs.map((p) => p.trim()).filter(Boolean);
    if (subjects.some((s) => !s.trim())) return setLocalError('Every subject line needs some words.');
    if (!headline.trim()) return setLocalError('The headline cannot be empty.');
    if (cleaned.length === 0) return setLocalError('Keep at least one paragraph.');
    if (!ctaText.trim()) return setLocalError('The button needs a label.');
    const keptFacts = facts.map((f) => ({ label: f.label.trim(), value: f.value.trim() })).filter((f) => f.label || f.value);
    if (keptFacts.some((f) => !f.label || !f.value)) return setLocalError('Each key fact needs both a label and a value.');
    setLocalError(null);
    const alts = Object.fromEntries(Object.entries(altTexts).map(([id, text]) => [id, text.trim()]).filter(([, text]) => text));
    mutation.mutate(
      {
        subject_lines: subjects.map((s) => s.trim()),
        primary_subject_index: primary,
        preheader: preheader.trim(),
        headline: headline.trim(),
        paragraphs: cleaned,
        cta_text: ctaText.trim(),
        highlights: keptFacts,
        ...(assets.length ? { alt_texts: alts } : {}),
      },
      { onSuccess: (v) => onSaved(v.version) },
    );
  }

  const locked = disabled || mutation.isPending;

  return (
    <section className="card" aria-labelledby="copy-title">
      <h2 id="copy-title">The copy</h2>
      <p className="muted">
        Version {copy.version} · written by {sourceLabel(copy.source)}
      </p>
      {copy.source === 'fallback' && (
        <Notice tone="warning">
          The AI writer was unavailable{copy.fallback_reason ? ` (${copy.fallback_reason})` : ''}, so this is our standard copy. Edit it
          here, or rewrite it later.
        </Notice>
      )}
      {copy.warnings && copy.warnings.length > 0 && <WarningList warnings={copy.warnings} />}
      <form onSubmit={onSubmit} className="stack">
        <fieldset className="stack" disabled={locked}>
          <legend>Subject line</legend>
          <p className="hint">Choose the one to send; the others stay as alternatives for testing.</p>
          {subjects.map((s, i) => (
            <div className="subject-row" key={i}>
              <input
                type="radio"
                name="primary-subject"
                id={`subject-choice-${i}`}
                checked={primary === i}
                onChange={() => setPrimary(i)}
                aria-label={`Send subject line ${i + 1}`}
              />
              <TextField
                label={`Subject line ${i + 1}`}
                value={s}
                maxLength={LIMITS.subject}
                hint={`${s.length}/${LIMITS.subject}`}
                onChange={(e) => setSubjects(subjects.map((old, j) => (j === i ? e.target.value : old)))}
              />
            </div>
          ))}
        </fieldset>
        <fieldset className="stack" disabled={locked}>
          <legend>Email body</legend>
          <TextField
            label="Preheader"
            hint={`The preview text after the subject in the inbox. ${preheader.length}/${LIMITS.preheader}`}
            maxLength={LIMITS.preheader}
            value={preheader}
            onChange={(e) => setPreheader(e.target.value)}
          />
          <TextField label="Headline" maxLength={LIMITS.headline} value={headline} onChange={(e) => setHeadline(e.target.value)} />
          {paragraphs.map((p, i) => (
            <div key={i} className="paragraph-row">
              <TextArea
                label={`Paragraph ${i + 1}`}
                rows={4}
                maxLength={LIMITS.paragraph}
                value={p}
                onChange={(e) => setParagraphs(paragraphs.map((old, j) => (j === i ? e.target.value : old)))}
              />
              {paragraphs.length > 1 && (
                <Button variant="link" onClick={() => setParagraphs(paragraphs.filter((_, j) => j !== i))}>
                  Remove paragraph {i + 1}
                </Button>
              )}
            </div>
          ))}
          {paragraphs.length < 3 && (
            <Button variant="secondary" onClick={() => setParagraphs([...paragraphs, ''])}>
              Add a paragraph
            </Button>
          )}
          <TextField
            label="Button text"
            maxLength={LIMITS.cta}
            hint={`${ctaText.length}/${LIMITS.cta}`}
            value={ctaText}
            onChange={(e) => setCtaText(e.target.value)}
          />
        </fieldset>
        <fieldset className="stack" disabled={locked}>
          <legend>Key facts</legend>
          <p className="hint">Shown as a short list in the email, e.g. “Closes: Sunday 7 pm”. Check dates and places carefully.</p>
          {facts.map((fact, i) => (
            <div className="fact-row" key={i}>
              <TextField
                label={`Fact ${i + 1} label`}
                maxLength={LIMITS.label}
                value={fact.label}
                onChange={(e) => setFacts(facts.map((f, j) => (j === i ? { ...f, label: e.target.value } : f)))}
              />
              <TextField
                label={`Fact ${i + 1} value`}
                maxLength={LIMITS.value}
                value={fact.value}
                onChange={(e) => setFacts(facts.map((f, j) => (j === i ? { ...f, value: e.target.value } : f)))}
              />
              <Button variant="link" onClick={() => setFacts(facts.filter((_, j) => j !== i))}>
                Remove fact {i + 1}
              </Button>
            </div>
          ))}
          {facts.length < LIMITS.facts && (
            <Button variant="secondary" onClick={() => setFacts([...facts, { label: '', value: '' }])}>
              Add a key fact
            </Button>
          )}
        </fieldset>
        {assets.length > 0 && (
          <fieldset className="stack" disabled={locked}>
            <legend>Image descriptions</legend>
            <p className="hint">Read aloud by screen readers and shown when a mail client blocks images.</p>
            {assets.map((asset) => (
              <TextField
                key={asset.id}
                label={`${assetLabel(asset)} description`}
                maxLength={LIMITS.alt}
                value={altTexts[asset.id] ?? ''}
                onChange={(e) => setAltTexts({ ...altTexts, [asset.id]: e.target.value })}
              />
            ))}
          </fieldset>
        )}
        {localError && (
          <p className="field-error" role="alert">
            {localError}
          </p>
        )}
        <ErrorMessage error={mutation.error} title="Your changes were not saved." />
        {savedNotice && !mutation.isError && (
          <Notice tone="success">Saved as copy version {copy.version}. Build the proof again to see it.</Notice>
        )}
        <div className="actions">
          <Button type="submit" busy={mutation.isPending} disabled={disabled}>
            Save copy
          </Button>
        </div>
      </form>
    </section>
  );
}
