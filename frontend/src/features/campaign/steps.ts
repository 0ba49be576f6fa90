import type { CampaignStatus } from '@/lib/types';
import type { StepState } from './hooks/use-pipeline';

export type Display = 'done' | 'current' | 'running' | 'error' | 'todo';

export interface StepView {
  key: string;
  title: string;
  display: Display;
}

export const DISPLAY_TEXT: Record<Display, string> = {
  done: 'Done',
  current: 'Your turn',
  running: 'In progress',
  error: 'Failed',
  todo: 'Not started',
};

function pipelineDisplay(state: StepState, doneByStatus: boolean): Display {
  if (state === 'running') return 'running';
  if (state === 'error') return 'error';
  if (state === 'done' || doneByStatus) return 'done';
  return 'todo';
}

export function buildSteps(status: CampaignStatus, process: StepState, generate: StepState): StepView[] {
  const copyDone = !['uploaded', 'changes_requested'].includes(status);
  const proofDone = status === 'proof_ready' || status === 'approved';
  const steps: StepView[] = [
    { key: 'upload', title: 'Upload', display: 'done' },
    { key: 'process', title: 'Write the copy', display: pipelineDisplay(process, copyDone) },
    { key: 'generate', title: 'Build the proof', display: pipelineDisplay(generate, proofDone && process !== 'running') },
    { key: 'review', title: 'Review', display: status === 'approved' ? 'done' : status === 'proof_ready' ? 'current' : 'todo' },
    { key: 'download', title: 'Download', display: status === 'approved' ? 'current' : 'todo' },
  ];
  return steps;
}

