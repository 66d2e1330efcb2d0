// Placeholder: replaced by the feature that owns this page.
export default function SettingsPage() {
  return <div>SettingsPage</div>;
}
