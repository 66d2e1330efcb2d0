import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { lazy, Suspense } from 'react';
import { BrowserRouter, Navigate, Route, Routes } from 'react-router';
import { AppShell } from '../pages/AppShell';
import { CustomerPage } from '../pages/CustomerPage';
import { InboxPage } from '../pages/InboxPage';
import { LoginPage } from '../pages/LoginPage';
import { SearchPage } from '../pages/SearchPage';

// Settings and the team view are for managers and admins: loaded on demand so agents' first screen stays small.
const SettingsPage = lazy(() => import('../pages/SettingsPage'));
const TeamPage = lazy(() => import('../pages/TeamPage'));

export const queryClient = new QueryClient({
  defaultOptions: { queries: { staleTime: 15_000, refetchOnWindowFocus: true, retry: 1 } },
});

export function App() {
  return (
    <QueryClientProvider client={queryClient}>
      <BrowserRouter>
        <Routes>
          <Route path="/login" element={<LoginPage />} />
          <Route element={<AppShell />}>
            <Route index element={<Navigate to="/inbox/mine" replace />} />
            <Route path="/inbox/:inboxId" element={<InboxPage />} />
            <Route path="/inbox/:inboxId/:view" element={<InboxPage />} />
            <Route path="/customers/:customerId" element={<CustomerPage />} />
            <Route path="/search" element={<SearchPage />} />
            <Route
              path="/team"
              element={
                <Suspense fallback={null}>
                  <TeamPage />
                </Suspense>
              }
            />
            <Route
              path="/settings/*"
              element={
                <Suspense fallback={null}>
                  <SettingsPage />
                </Suspense>
              }
            />
          </Route>
          <Route path="*" element={<Navigate to="/" replace />} />
        </Routes>
      </BrowserRouter>
    </QueryClientProvider>
  );
}
