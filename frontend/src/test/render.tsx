import { render } from '@testing-library/react';
import { QueryClient } from '@tanstack/react-query';
import { AppProvider } from '@/app/provider';
import { TestRouter } from '@/app/router';

/** Renders the whole app at `path` with a fresh cache and no retries (tests decide what fails).
 * `visited` (optional) collects every address the app goes to afterwards. */
export function renderApp(path: string, visited?: string[]) {
  const queryClient = new QueryClient({
    defaultOptions: { queries: { retry: false, staleTime: 0 }, mutations: { retry: false } },
  });
  return render(
    <AppProvider queryClient={queryClient}>
      <TestRouter path={path} onNavigate={visited ? (to) => visited.push(to) : undefined} />
    </AppProvider>,
  );
}
