import { type ComponentType, lazy, Suspense } from 'react';
import { Navigate, NavLink, Route, Routes } from 'react-router';
import { useSession } from '../app/session';
import s from '../modules/settings/settings.module.css';
import { type TSettingsSectionId, visibleSections } from '../modules/settings/settings-sections';
import { EmptyState, Spinner } from '../ui/ui';

// Each section is its own chunk: an admin opening Topics does not download the webhook screens.
const SECTION_COMPONENTS: Record<TSettingsSectionId, ComponentType> = {
  users: lazy(() => import('../modules/settings/users/UsersSection')),
  teams: lazy(() => import('../modules/settings/teams/TeamsSection')),
  inboxes: lazy(() => import('../modules/settings/inboxes/InboxesSection')),
  topics: lazy(() => import('../modules/settings/topics/TopicsSection')),
  'business-hours': lazy(() => import('../modules/settings/business-hours/BusinessHoursSection')),
  'agent-profiles': lazy(() => import('../modules/settings/routing/AgentProfilesSection')),
  'status-reasons': lazy(() => import('../modules/settings/routing/StatusReasonsSection')),
  routing: lazy(() => import('../modules/settings/routing/RoutingSettingsSection')),
  boosts: lazy(() => import('../modules/settings/routing/BoostsSection')),
  organization: lazy(() => import('../modules/settings/org/OrgSettingsSection')),
  webhooks: lazy(() => import('../modules/settings/webhooks/WebhooksSection')),
  'api-tokens': lazy(() => import('../modules/settings/api-tokens/ApiTokensSection')),
};

/** /settings/*: a left navigation of the sections the user's roles allow, and the chosen section beside it. */
export default function SettingsPage() {
  const { data: session, isLoading } = useSession();
  if (isLoading) return <Spinner />;
  const sections = visibleSections(session?.user.roles ?? []);
  if (sections.length === 0) {
    return <EmptyState>Settings are for administrators and team managers.</EmptyState>;
  }
  const groups = [...new Set(sections.map((section) => section.group))];
  return (
    <div className={s.layout}>
      <nav className={s.nav} aria-label="Settings">
        <div className={s.navTitle}>Settings</div>
        {groups.map((group) => (
          <div key={group}>
            <div className={s.navGroup}>{group}</div>
            {sections
              .filter((section) => section.group === group)
              .map((section) => (
                <NavLink
                  key={section.id}
                  to={`/settings/${section.id}`}
                  data-testid={`settings-nav-${section.id}`}
                  className={({ isActive }) => `${s.navLink} ${isActive ? s.navLinkActive : ''}`}
                >
                  {section.label}
                </NavLink>
              ))}
          </div>
        ))}
      </nav>
      <main className={s.content}>
        <Suspense fallback={<Spinner />}>
          <Routes>
            {sections.map((section) => {
              const Section = SECTION_COMPONENTS[section.id];
              return <Route key={section.id} path={`${section.id}/*`} element={<Section />} />;
            })}
            <Route path="*" element={<Navigate to={`/settings/${sections[0]?.id}`} replace />} />
          </Routes>
        </Suspense>
      </main>
    </div>
  );
}
