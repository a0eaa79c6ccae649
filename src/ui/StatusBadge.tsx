/** A state as text and colour (never colour alone). */
export function StatusBadge({ status }: { status: string }) {
  const tone = status.toLowerCase().replace(/[^a-z]+/g, '-');
  return <span className={`badge badge-${tone}`}>{status}</span>;
}
