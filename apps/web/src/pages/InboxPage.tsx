// Placeholder: replaced by the feature that owns this page.
export function InboxPage() {
  return <div>InboxPage</div>;
}
