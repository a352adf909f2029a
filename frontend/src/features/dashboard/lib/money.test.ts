import { describe, expect, it } from 'vitest';
import { formatAmount } from './money';

describe('formatAmount', () => {
  it('reads large amounts in 万, exactly', () => {
    expect(formatAmount('4849800.00')).toBe('¥484.98万');
    expect(formatAmount('100000')).toBe('¥10.00万');
    expect(formatAmount('123456789012.35')).toBe('¥12,345,678.90万');
    expect(formatAmount('-2500000')).toBe('-¥250.00万');
  });

  it('keeps amounts under 10万 in full yuan with separators', () => {
    expect(formatAmount('99999.99')).toBe('¥99,999.99');
    expect(formatAmount('8600')).toBe('¥8,600.00');
    expect(formatAmount('0')).toBe('¥0.00');
  });

  it('shows a dash for nothing and leaves what is not money as it is', () => {
    expect(formatAmount(null)).toBe('—');
    expect(formatAmount('')).toBe('—');
    expect(formatAmount('n/a')).toBe('n/a');
  });
});
