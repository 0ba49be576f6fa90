import { useRef, useState } from 'react';
import { Button } from '@/components/Button';
import { ErrorMessage } from '@/components/ErrorMessage';
import { SelectField } from '@/components/Field';
import { Notice } from '@/components/Notice';
import { ApiError } from '@/lib/api-client';
import type { CampaignStatus } from '@/lib/types';
import type { Layout } from '../api/run-steps';
import { stepsFor, usePipeline, type StepName } from '../hooks/use-pipeline';
import { buildSteps, DISPLAY_TEXT } from '../steps';

const RUNNING_TEXT: Record<StepName, string> = {
  process: 'Writing your copy… this takes up to 5 seconds.',
  generate: 'Building the proof…',
};

interface PipelineStepperProps {
  campaignId: string;
  status: CampaignStatus;
  /** Called after every step succeeded (the page moves focus to the new proof). */
  onComplete?: () => void;
}

/** Shows where the campaign is and runs "write copy" then "build proof" with visible progress. */
export function PipelineStepper({ campaignId, status, onComplete }: PipelineStepperProps) {
  const { state, running, run } = usePipeline(campaignId);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const [layout, setLayout] = useState<Layout | ''>('');
  const [wholePhotos, setWholePhotos] = useState(false);

  async function start(steps: StepName[]) {
    // The button disappears while the steps run: keep focus in the progress section.
    headingRef.current?.focus();
    if (await run(steps, { layout: layout || undefined, wholePhotos })) onComplete?.();
  }

  const steps = buildSteps(status, state.process, state.generate);
  const todo = stepsFor(status);
  const runningStep: StepName | null = state.process === 'running' ? 'process' : state.generate === 'running' ? 'generate' : null;

  const retrySteps: StepName[] = state.failedStep === 'process' ? todo : ['generate'];
  // A retryable failure offers "Try again" in the alert; otherwise the usual button stays available.
  const retryOffered = state.error != null && (!(state.error instanceof ApiError) || state.error.retryable);

  return (
    <section className="card" aria-labelledby="progress-title">
      <h2 id="progress-title" ref={headingRef} tabIndex={-1}>
        Progress
      </h2>
      <ol className="stepper" aria-label="Steps">
        {steps.map((s, i) => (
          <li
            key={s.key}
            className={`step step-${s.display}`}
            aria-current={s.display === 'current' || s.display === 'running' ? 'step' : undefined}
          >
            <span className="step-dot" aria-hidden="true">
              {s.display === 'done' ? '✓' : s.display === 'error' ? '!' : i + 1}
            </span>
            <span className="step-title">{s.title}</span>
            <span className="step-state">{DISPLAY_TEXT[s.display]}</span>
          </li>
        ))}
      </ol>
      <p className="visually-hidden" role="status" aria-live="polite">
        {runningStep ? RUNNING_TEXT[runningStep] : ''}
      </p>
      {runningStep && (
        <p className="loading" aria-hidden="true">
          <span className="spinner" />
          {RUNNING_TEXT[runningStep]}
        </p>
      )}
      {state.error ? (
        <ErrorMessage
          error={state.error}
          title={state.failedStep === 'process' ? 'Writing the copy failed.' : 'Building the proof failed.'}
          onRetry={() => void start(retrySteps)}
        />
      ) : null}
      {state.source === 'fallback' && !running && (
        <Notice tone="warning">
          The AI writer was unavailable, so we used our standard copy instead
          {state.fallbackReason ? ` (${state.fallbackReason})` : ''}. You can edit it below or try again later.
        </Notice>
      )}
      {todo.length > 0 && !running && !retryOffered && (
        <div className="actions actions-pipeline">
          <SelectField label="Photo layout" value={layout} onChange={(e) => setLayout(e.target.value as Layout | '')}>
            <option value="">Automatic (by number of photos)</option>
            <option value="single">One large photo</option>
            <option value="gallery">Gallery of photos</option>
          </SelectField>
          <SelectField
            label="Photo shape"
            value={wholePhotos ? 'whole' : 'fit'}
            onChange={(e) => setWholePhotos(e.target.value === 'whole')}
            hint="Cut photos keep the date and button near the top, especially on phones."
          >
            <option value="fit">Cut to fit the email (around the focal point)</option>
            <option value="whole">Show whole photos</option>
          </SelectField>
          <Button onClick={() => void start(todo)}>
            {status === 'changes_requested'
              ? 'Rewrite the copy'
              : todo.includes('process')
                ? 'Write the copy and build the proof'
                : 'Build the proof'}
          </Button>
          {status === 'changes_requested' && <p className="hint">You will see what changed before the new proof is built.</p>}
        </div>
      )}
    </section>
  );
}
