// Placeholder: replaced by the feature that owns this page.
export default function TeamPage() {
  return <div>TeamPage</div>;
}
