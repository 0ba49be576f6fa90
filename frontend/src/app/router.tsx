import { useState } from 'react';
import { createBrowserRouter, createMemoryRouter, RouterProvider, type RouteObject } from 'react-router';
import { RequireAuth } from '@/features/auth';
import { ReviewLinkPage } from '@/features/review-link';
import { Layout } from './Layout';
import { CampaignPage } from './routes/CampaignPage';
import { CampaignsPage, NewCampaignPage, NotFoundPage, SignInPage, SignUpPage } from './routes/pages';

export const routes: RouteObject[] = [
  {
    element: <Layout />,
    children: [
      { path: '/sign-in', element: <SignInPage /> },
      { path: '/sign-up', element: <SignUpPage /> },
      // A review link: no account, the token in the address opens one campaign's proof.
      { path: '/review/:token', element: <ReviewLinkPage /> },
      { path: '/', element: <RequireAuth><CampaignsPage /></RequireAuth> },
      { path: '/campaigns/new', element: <RequireAuth><NewCampaignPage /></RequireAuth> },
      { path: '/campaigns/:id', element: <RequireAuth><CampaignPage /></RequireAuth> },
      { path: '*', element: <NotFoundPage /> },
    ],
  },
];

export function AppRouter() {
  const [router] = useState(() => createBrowserRouter(routes));
  return <RouterProvider router={router} />;
}

/** For tests: the same routes in memory, starting at `path`; `onNavigate` hears every address it goes to. */
export function TestRouter({ path, onNavigate }: { path: string; onNavigate?: (to: string) => void }) {
  const [router] = useState(() => {
    const memory = createMemoryRouter(routes, { initialEntries: [path] });
    if (onNavigate) memory.subscribe((state) => onNavigate(state.location.pathname + state.location.search));
    return memory;
  });
  return <RouterProvider router={router} />;
}
