import { UsageError } from '../cli-command.js';

/** Small parsers for option values shared by the relationship commands; each error names its option. */

export function optionalString(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

export function wholeNumber(text: string, option: string): number {
  const value = Number(text);
  if (!/^\d+$/.test(text.trim()) || !Number.isSafeInteger(value)) throw new UsageError(`${option} must be a whole number, not ${JSON.stringify(text)}`);
  return value;
}

export function idArgument(text: string, what: string): number {
  const value = wholeNumber(text, what);
  if (value <= 0) throw new UsageError(`${what} must be a positive whole number, not ${JSON.stringify(text)}`);
  return value;
}

/** `--cadence 30` → 30; `--cadence none` → null (only where clearing is allowed). */
export function cadenceOption(value: unknown, allowNone: boolean): number | null | undefined {
  if (typeof value !== 'string') return undefined;
  if (allowNone && value.trim().toLowerCase() === 'none') return null;
  if (!/^\d+$/.test(value.trim())) throw new UsageError(`--cadence must be a whole number of days${allowNone ? ' or "none"' : ''}, not ${JSON.stringify(value)}`);
  // Range (1..3650) is the contract's to check: its error names the field like every other.
  return Number(value);
}

/** `--color none` clears; anything else goes to the contract, which names the field when wrong. */
export function clearableOption(value: unknown): string | null | undefined {
  if (typeof value !== 'string') return undefined;
  return value.trim().toLowerCase() === 'none' ? null : value;
}

export function plural(count: number, unit: string, units = `${unit}s`): string {
  return `${count} ${count === 1 ? unit : units}`;
}
