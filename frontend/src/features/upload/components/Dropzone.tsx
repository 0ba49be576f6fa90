import { useId, useRef, useState, type DragEvent } from 'react';
import { ACCEPT_ATTR } from '../api/file-rules';
import { FileThumb } from './FileThumb';

interface DropzoneProps {
  label: string;
  hint: string;
  multiple?: boolean;
  files: File[];
  errors: string[];
  onPick: (files: File[]) => void;
  onRemove: (index: number) => void;
  /** Shown with the errors: lets the user go on without the refused file(s). */
  onDismissErrors?: () => void;
  disabled?: boolean;
}

/**
 * Drag-and-drop target built around a real file input, so keyboard and
 * screen-reader users pick files the usual way.
 */
export function Dropzone({ label, hint, multiple = false, files, errors, onPick, onRemove, onDismissErrors, disabled }: DropzoneProps) {
  const id = useId();
  const inputRef = useRef<HTMLInputElement>(null);
  const [dragging, setDragging] = useState(false);

  function onDrop(e: DragEvent) {
    e.preventDefault();
    setDragging(false);
    if (disabled) return;
    const dropped = Array.from(e.dataTransfer.files);
    if (dropped.length) onPick(dropped);
  }

  return (
    <div className="field">
      <span className="label-text" id={`${id}-label`}>
        {label}
      </span>
      <div
        className={`dropzone${dragging ? ' dropzone-active' : ''}${errors.length ? ' dropzone-invalid' : ''}`}
        onDragOver={(e) => {
          e.preventDefault();
          setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={onDrop}
        data-testid={`dropzone-${label}`}
      >
        <input
          ref={inputRef}
          id={id}
          className="visually-hidden"
          type="file"
          accept={ACCEPT_ATTR}
          multiple={multiple}
          disabled={disabled}
          aria-labelledby={`${id}-label`}
          aria-describedby={`${id}-hint${errors.length ? ` ${id}-errors` : ''}`}
          aria-invalid={errors.length ? true : undefined}
          onChange={(e) => {
            const picked = Array.from(e.target.files ?? []);
            if (picked.length) onPick(picked);
            // Allow picking the same file again after removing it.
            e.target.value = '';
          }}
        />
        <label htmlFor={id} className="dropzone-label">
          <span className="dropzone-cta">Choose {multiple ? 'files' : 'a file'}</span> or drag {multiple ? 'them' : 'it'} here
        </label>
        <p className="hint" id={`${id}-hint`}>
          {hint}
        </p>
      </div>
      {errors.length > 0 && (
        <div role="alert" id={`${id}-errors`}>
          <ul className="field-error">
            {errors.map((msg) => (
              <li key={msg}>{msg}</li>
            ))}
          </ul>
          {onDismissErrors && (
            <button type="button" className="btn btn-link" onClick={onDismissErrors}>
              Continue without {multiple ? 'these files' : 'it'}
            </button>
          )}
        </div>
      )}
      {files.length > 0 && (
        <ul className="file-thumbs" aria-label={`${label}: chosen files`}>
          {files.map((f, i) => (
            <FileThumb key={`${f.name}-${f.size}-${i}`} file={f} onRemove={() => onRemove(i)} />
          ))}
        </ul>
      )}
    </div>
  );
}
