/**
 * How a found secret is shown: enough to find it again (its first characters, usually the
 * vendor prefix, and its length), never enough to use it. Values shorter than 16 characters
 * (passwords, mostly) show only their length, since four characters would be a quarter of them.
 */
export function redactValue(value: string): string {
  if (value.length < 16) return `(${value.length} chars)`;
  return `${value.slice(0, 4)}… (${value.length} chars)`;
}
