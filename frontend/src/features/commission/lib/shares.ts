/**
 * Shares in percent with at most two decimals, as the API takes them (a deal's credits, a plan's payout
 * stages). They are added as whole hundredths, so 33.33 + 66.67 is exactly 100 and the running sum a
 * form shows agrees with the server's check.
 */

const SHARE = /^\d{1,3}(\.\d{1,2})?$/;

/** Whether `text` is a share the API takes: above 0, at most 100, at most two decimals. */
export function isShare(text: string | undefined): boolean {
  const hundredths = toHundredths(text);
  return hundredths !== null && hundredths > 0 && hundredths <= 10_000;
}

function toHundredths(text: string | undefined): number | null {
  const trimmed = text?.trim() ?? '';
  if (!SHARE.test(trimmed)) return null;
  const [whole = '0', cents = ''] = trimmed.split('.');
  return Number(whole) * 100 + Number(cents.padEnd(2, '0'));
}

/** The shares of `rows` added up (blank or unreadable ones count as 0), as a shortest decimal: "100", "99.99". */
export function sharesTotal(rows: readonly { share?: string | null }[]): string {
  const hundredths = rows.reduce((sum, row) => sum + (toHundredths(row.share ?? undefined) ?? 0), 0);
  return String(hundredths / 100);
}

/** Whether the shares add up to exactly 100. */
export function sharesComplete(rows: readonly { share?: string | null }[]): boolean {
  return sharesTotal(rows) === '100';
}

/** A share typed into a form, trimmed and without a lone trailing dot ("50." → "50"). */
export function shareText(text: string | undefined): string {
  return (text ?? '').trim().replace(/\.$/, '');
}
