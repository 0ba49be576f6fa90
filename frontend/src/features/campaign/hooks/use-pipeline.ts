import { useCallback, useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { queryKeys } from '@/lib/query-keys';
import type { CampaignStatus } from '@/lib/types';
import { generateProof, processCampaign, type ProofOptions } from '../api/run-steps';

export type StepState = 'pending' | 'running' | 'done' | 'error';
export type StepName = 'process' | 'generate';

export interface PipelineState {
  process: StepState;
  generate: StepState;
  error: unknown;
  failedStep: StepName | null;
  fallbackReason: string | null;
  source: string | null;
}

const initial: PipelineState = { process: 'pending', generate: 'pending', error: null, failedStep: null, fallbackReason: null, source: null };

/**
 * Which steps to run next for a campaign in this status. A rewrite (after a change request) runs on its
 * own, so the advertiser sees what changed before the next proof is built.
 */
export function stepsFor(status: CampaignStatus | string): StepName[] {
  if (status === 'uploaded') return ['process', 'generate'];
  if (status === 'changes_requested') return ['process'];
  if (status === 'processed') return ['generate'];
  return [];
}

/** Runs process then generate one after the other, tracking each step for the stepper. */
export function usePipeline(id: string) {
  const queryClient = useQueryClient();
  const [state, setState] = useState<PipelineState>(initial);
  const running = state.process === 'running' || state.generate === 'running';

  const run = useCallback(
    async (steps: StepName[], options: ProofOptions = {}): Promise<boolean> => {
      setState({ ...initial, process: steps.includes('process') ? 'pending' : 'done' });
      let current: StepName | null = null;
      try {
        for (const step of steps) {
          current = step;
          setState((s) => ({ ...s, [step]: 'running' }));
          if (step === 'process') {
            const result = await processCampaign(id);
            setState((s) => ({ ...s, process: 'done', source: result.source, fallbackReason: result.fallback_reason ?? null }));
          } else {
            await generateProof(id, options);
            setState((s) => ({ ...s, generate: 'done' }));
          }
          // Keep the page in step with the server after every step, even if the next one fails.
          await queryClient.invalidateQueries({ queryKey: queryKeys.campaigns });
        }
        await queryClient.invalidateQueries({ queryKey: queryKeys.preview(id) });
        return true;
      } catch (error) {
        const failed = current;
        setState((s) => ({ ...s, ...(failed ? { [failed]: 'error' } : {}), error, failedStep: failed }));
        await queryClient.invalidateQueries({ queryKey: queryKeys.campaigns });
        return false;
      }
    },
    [id, queryClient],
  );

  const reset = useCallback(() => setState(initial), []);

  return { state, running, run, reset };
}
