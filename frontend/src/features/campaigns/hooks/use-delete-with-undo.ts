import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useRef, useState } from 'react';
import { errorDetail } from '@/lib/api-client';
import { queryKeys } from '@/lib/query-keys';
import { deleteCampaign } from '../api/campaign-actions';

export const UNDO_MS = 8000;

export interface PendingDelete {
  id: string;
  name: string;
}

/**
 * Delete with undo: the campaign leaves the list at once, and the server is told only when the undo
 * window has passed (or the page is left), because on the server a delete removes every file for good.
 */
export function useDeleteWithUndo() {
  const queryClient = useQueryClient();
  const [pending, setPending] = useState<PendingDelete | null>(null);
  const [error, setError] = useState<string | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const pendingRef = useRef<PendingDelete | null>(null);

  const commit = useCallback(
    async (item: PendingDelete) => {
      pendingRef.current = null;
      setPending((p) => (p?.id === item.id ? null : p));
      try {
        await deleteCampaign(item.id);
      } catch (err) {
        setError(`“${item.name}” was not deleted: ${errorDetail(err)}`);
      }
      void queryClient.invalidateQueries({ queryKey: queryKeys.campaigns });
    },
    [queryClient],
  );

  const schedule = useCallback(
    (item: PendingDelete) => {
      if (timer.current) clearTimeout(timer.current);
      if (pendingRef.current && pendingRef.current.id !== item.id) void commit(pendingRef.current);
      pendingRef.current = item;
      setPending(item);
      setError(null);
      timer.current = setTimeout(() => void commit(item), UNDO_MS);
    },
    [commit],
  );

  const undo = useCallback(() => {
    if (timer.current) clearTimeout(timer.current);
    pendingRef.current = null;
    setPending(null);
  }, []);

  // Leaving the page ends the undo window: the delete goes through then.
  useEffect(
    () => () => {
      if (timer.current) clearTimeout(timer.current);
      if (pendingRef.current) void deleteCampaign(pendingRef.current.id).catch(() => undefined);
    },
    [],
  );

  return { pending, error, schedule, undo };
}
