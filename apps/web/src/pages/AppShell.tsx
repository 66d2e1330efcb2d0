import { Outlet } from 'react-router';

// Placeholder: replaced by the shell (top bar, navigation, presence, offers).
export function AppShell() {
  return <Outlet />;
}
