// Placeholder: replaced by the feature that owns this page.
export function SearchPage() {
  return <div>SearchPage</div>;
}
