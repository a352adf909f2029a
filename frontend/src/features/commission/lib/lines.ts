/** A statement's lines grouped by kind, in the order a consultant reads their month. */
import { addMoney, compareMoney, isMoney } from '@/lib/money';
import type { CommissionLine } from '../api/statements';

export const KIND_ORDER = ['earned', 'override', 'adjustment', 'reversal', 'clawback', 'reward', 'penalty'] as const;
export type KnownKind = (typeof KIND_ORDER)[number];

export interface LineGroup {
  kind: string;
  lines: CommissionLine[];
  subtotal: string;
}

/**
 * The group a line goes in: its kind, except a supervisor's override (source `override`), which the
 * engine writes with the kinds of a deal line (earned, clawback…) but is paid as a separate item.
 */
export function groupOf(line: Pick<CommissionLine, 'kind' | 'source'>): string {
  return line.source === 'override' ? 'override' : line.kind;
}

function rank(kind: string): number {
  const index = (KIND_ORDER as readonly string[]).indexOf(kind);
  return index === -1 ? KIND_ORDER.length : index;
}

/** Groups (see `groupOf`) in the order above (a kind this screen does not know comes last, not lost), lines in statement order. */
export function groupLines(lines: readonly CommissionLine[]): LineGroup[] {
  const byKind = new Map<string, CommissionLine[]>();
  for (const line of [...lines].sort((a, b) => a.seq - b.seq)) byKind.set(groupOf(line), [...(byKind.get(groupOf(line)) ?? []), line]);
  return [...byKind]
    .sort(([a], [b]) => rank(a) - rank(b) || a.localeCompare(b))
    .map(([kind, group]) => ({ kind, lines: group, subtotal: addMoney('0', ...group.map((line) => line.amount)) }));
}

export function isKnownKind(kind: string): kind is KnownKind {
  return (KIND_ORDER as readonly string[]).includes(kind);
}

/** "0.2000" → "0.2%", "50.00" → "50%"; null → null. */
export function percent(value: string | null | undefined): string | null {
  if (value === null || value === undefined || value === '') return null;
  const trimmed = value.includes('.') ? value.replace(/0+$/, '').replace(/\.$/, '') : value;
  return `${trimmed}%`;
}

/** Whether an amount the API sent is below zero (a clawback, a penalty). */
export function isNegative(amount: string | null | undefined): boolean {
  return amount !== null && amount !== undefined && isMoney(amount) && compareMoney(amount, '0') < 0;
}

/** A reward's or penalty's note as the engine writes it ("lateness: 迟到两次"): its category and reason apart. */
export function splitNote(note: string): { category: string | null; reason: string } {
  const match = /^([a-z_]+): ([\s\S]*)$/.exec(note);
  return match ? { category: match[1] ?? null, reason: match[2] ?? '' } : { category: null, reason: note };
}
