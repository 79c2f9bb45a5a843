/** Times as the table shows them: UTC, to the second ("2026-12-03 21:55:02"). */
export function formatValue(value: unknown): string {
  if (value == null) return '';
  if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(value)) {
    return value.replace('T', ' ').replace(/(\.\d+)?(Z|[+-]00:?00)?$/, '');
  }
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}
