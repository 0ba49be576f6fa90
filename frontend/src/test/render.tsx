import { render } from '@testing-library/react';
import { QueryClient } from '@tanstack/react-query';
import { AppProvider } from '@/app/provider';
import { TestRouter } from '@/app/router';

/** Renders the whole app at `path` with a fresh cache and no retries (tests decide what fails). */
export function renderApp(path: string) {
  const queryClient = new QueryClient({
    defaultOptions: { queries: { retry: false, staleTime: 0 }, mutations: { retry: false } },
  });
  return render(
    <AppProvider queryClient={queryClient}>
      <TestRouter path={path} />
    </AppProvider>,
  );
}
