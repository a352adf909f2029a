/**
 * Money as the API sends it: a decimal string in yuan ("1234567.80"). Arithmetic happens on whole
 * fen as bigint, never on floats, so every figure stays exact; display adds ¥ and thousands separators.
 */
const MONEY = /^(-)?(\d{1,15})(?:\.(\d{1,2}))?$/;

/** Whether `text` is a money amount the API accepts (at most two decimals). */
export function isMoney(text: string): boolean {
  return MONEY.test(text.trim());
}

/** Whole fen of a decimal string; throws on anything else (floats never get here). */
export function toFen(text: string): bigint {
  const match = MONEY.exec(text.trim());
  if (match === null) throw new Error(`not an amount of money: "${text}"`);
  const [, sign, whole, decimals = ''] = match;
  const fen = BigInt(whole ?? '0') * 100n + BigInt(decimals.padEnd(2, '0'));
  return sign ? -fen : fen;
}

/** The decimal string of whole fen: 123456n → "1234.56". */
export function fromFen(fen: bigint): string {
  const negative = fen < 0n;
  const abs = negative ? -fen : fen;
  const whole = abs / 100n;
  const cents = (abs % 100n).toString().padStart(2, '0');
  return `${negative ? '-' : ''}${whole.toString()}.${cents}`;
}

/** The canonical form the API expects: "12" → "12.00", " 3.5 " → "3.50". */
export function normalizeMoney(text: string): string {
  return fromFen(toFen(text));
}

/**
 * An optional amount typed into a form (a string-mode number input hands over text) in the API's form;
 * blank → null. Throws on anything that is not an amount, like `toFen`.
 */
export function optionalMoney(text: string | null | undefined): string | null {
  if (text === null || text === undefined || text.trim() === '') return null;
  return normalizeMoney(text);
}

export function addMoney(...amounts: string[]): string {
  return fromFen(amounts.reduce((sum, amount) => sum + toFen(amount), 0n));
}

export function subtractMoney(a: string, b: string): string {
  return fromFen(toFen(a) - toFen(b));
}

export function compareMoney(a: string, b: string): -1 | 0 | 1 {
  const d = toFen(a) - toFen(b);
  return d < 0n ? -1 : d > 0n ? 1 : 0;
}

export function isZero(amount: string): boolean {
  return toFen(amount) === 0n;
}

function group(digits: string): string {
  return digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** "1234567.8" → "¥1,234,567.80"; null/empty → "—". Exact for any size: it never goes through a float. */
export function formatMoney(amount: string | null | undefined, { symbol = true }: { symbol?: boolean } = {}): string {
  if (amount === null || amount === undefined || amount.trim() === '') return '—';
  if (!isMoney(amount)) return amount;
  const canonical = normalizeMoney(amount);
  const negative = canonical.startsWith('-');
  const [whole = '0', cents = '00'] = canonical.replace('-', '').split('.');
  return `${negative ? '-' : ''}${symbol ? '¥' : ''}${group(whole)}.${cents}`;
}

/** `amount` in units of `unitFen` fen with two decimals, rounded half-up on fen, with separators. */
function inUnits(amount: string, unitFen: bigint): string {
  const fen = toFen(amount);
  const negative = fen < 0n;
  const abs = negative ? -fen : fen;
  const step = unitFen / 100n; // fen per hundredth of the unit
  const hundredths = (abs + step / 2n) / step;
  const text = `${group((hundredths / 100n).toString())}.${(hundredths % 100n).toString().padStart(2, '0')}`;
  return `${negative ? '-' : ''}${text}`;
}

/** 万元 with two decimals, as sales offices read totals: "4849800.00" → "484.98万". Exact (rounded half-up on fen). */
export function formatWan(amount: string): string {
  return `${inUnits(amount, 1_000_000n)}万`; // 1 万元 = 1,000,000 fen
}

/** Millions of yuan with two decimals (the English board's short form): "4849800.00" → "4.85". Exact. */
export function formatMillion(amount: string): string {
  return inUnits(amount, 100_000_000n);
}

const PERCENT = /^\d{1,3}(\.\d{1,4})?$/;

/** A percentage the API accepts: "1.5", at most four decimals, 0–100. */
export function isPercent(text: string): boolean {
  const trimmed = text.trim();
  if (!PERCENT.test(trimmed)) return false;
  const [whole = '0', decimals = ''] = trimmed.split('.');
  const scaled = BigInt(whole) * 10_000n + BigInt(decimals.padEnd(4, '0'));
  return scaled <= 1_000_000n;
}

/** "1.50" → "1.5 %", "0" → "0 %". */
export function formatPercent(text: string | null | undefined): string {
  if (text === null || text === undefined || text === '') return '—';
  const trimmed = text.includes('.') ? text.replace(/0+$/, '').replace(/\.$/, '') : text;
  return `${trimmed} %`;
}
