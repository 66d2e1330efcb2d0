// Placeholder: replaced by the feature that owns this page.
export function CustomerPage() {
  return <div>CustomerPage</div>;
}
