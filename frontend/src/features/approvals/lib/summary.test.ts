import { describe, expect, it } from 'vitest';
import { formatSummaryValue } from './summary';

describe("an approval summary's values", () => {
  it('shows amounts exactly, with separators and two decimals', () => {
    expect(formatSummaryValue('4849800.00', '是', '否')).toBe('4,849,800.00');
    // Through a float this came out as 1,000,000,000,000,000.00.
    expect(formatSummaryValue('999999999999999.99', '是', '否')).toBe('999,999,999,999,999.99');
    expect(formatSummaryValue('-50000.10', '是', '否')).toBe('-50,000.10');
  });

  it('leaves other text alone', () => {
    expect(formatSummaryValue('2-1-2501', '是', '否')).toBe('2-1-2501');
    expect(formatSummaryValue('1.5', '是', '否')).toBe('1.5');
    expect(formatSummaryValue(true, '是', '否')).toBe('是');
  });

  it("reads a list of rows (an agency-fee rule's tiers) as rows, not as JSON", () => {
    const tiers = [
      { from_percent: '0', to_percent: '80', rate: '0.8' },
      { from_percent: '80', to_percent: null, rate: '1.2' },
    ];
    expect(formatSummaryValue(tiers, '是', '否')).toBe('0 · 80 · 0.8、80 · — · 1.2');
  });
});
