// Placeholder: replaced by the feature that owns this page.
export function LoginPage() {
  return <div>LoginPage</div>;
}
