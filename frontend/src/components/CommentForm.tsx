import { useState, type FormEvent, type ReactNode } from 'react';
import { Button } from '@/components/Button';
import { SelectField, TextArea } from '@/components/Field';
import { sectionLabel } from '@/lib/email-sections';

interface CommentFormProps {
  sections: string[];
  busy: boolean;
  /** Extra fields (a reviewer's name and e-mail). */
  children?: ReactNode;
  validateExtra?: () => boolean;
  onSend: (body: string, section: string | null, done: () => void) => void;
}

/** A comment on the proof, pinned to one of its parts (or to the whole email). */
export function CommentForm({ sections, busy, children, validateExtra, onSend }: CommentFormProps) {
  const [section, setSection] = useState('');
  const [body, setBody] = useState('');
  const [error, setError] = useState<string | null>(null);

  function onSubmit(e: FormEvent) {
    e.preventDefault();
    if (validateExtra && !validateExtra()) return;
    if (!body.trim()) {
      setError('Write the comment first.');
      return;
    }
    setError(null);
    onSend(body.trim(), section || null, () => setBody(''));
  }

  return (
    <form onSubmit={onSubmit} className="stack" noValidate>
      {children}
      <SelectField label="Part of the email" value={section} onChange={(e) => setSection(e.target.value)}>
        <option value="">Whole email</option>
        {sections.map((s) => (
          <option key={s} value={s}>
            {sectionLabel(s)}
          </option>
        ))}
      </SelectField>
      <TextArea label="Comment" rows={3} maxLength={2000} value={body} error={error} onChange={(e) => setBody(e.target.value)} />
      <div className="actions">
        <Button type="submit" variant="secondary" busy={busy}>
          Add comment
        </Button>
      </div>
    </form>
  );
}
