import { describe, expect, it } from 'vitest';
import {
  addMoney,
  compareMoney,
  formatMillion,
  formatMoney,
  formatPercent,
  formatWan,
  fromFen,
  isMoney,
  isPercent,
  normalizeMoney,
  optionalMoney,
  subtractMoney,
  toFen,
} from './money';

describe('money stays exact as decimal strings', () => {
  it('formats with ¥ and thousands separators', () => {
    expect(formatMoney('4849800.00')).toBe('¥4,849,800.00');
    expect(formatMoney('0.5')).toBe('¥0.50');
    expect(formatMoney('-1234.5')).toBe('-¥1,234.50');
    expect(formatMoney('999')).toBe('¥999.00');
    expect(formatMoney('1000', { symbol: false })).toBe('1,000.00');
    expect(formatMoney(null)).toBe('—');
  });

  it('keeps every fen of amounts a float would round', () => {
    // 2^53 fen and beyond: a Number would lose the last digits.
    expect(formatMoney('999999999999999.99')).toBe('¥999,999,999,999,999.99');
    expect(formatMoney('90071992547409.93')).toBe('¥90,071,992,547,409.93');
    expect(addMoney('0.10', '0.20')).toBe('0.30'); // 0.1 + 0.2 !== 0.3 in floats
    expect(addMoney('90071992547409.91', '0.02')).toBe('90071992547409.93');
  });

  it('adds, subtracts and compares on whole fen', () => {
    expect(toFen('12.3')).toBe(1230n);
    expect(fromFen(-5n)).toBe('-0.05');
    expect(subtractMoney('4849800.00', '50000.01')).toBe('4799799.99');
    expect(addMoney('1404940.00', '1131620.00', '1131620.00', '1131620.00')).toBe('4799800.00');
    expect(compareMoney('10.00', '9.99')).toBe(1);
    expect(compareMoney('10', '10.00')).toBe(0);
    expect(normalizeMoney(' 3.5 ')).toBe('3.50');
  });

  it('accepts only what the API accepts', () => {
    expect(isMoney('20000.00')).toBe(true);
    expect(isMoney('20000.001')).toBe(false);
    expect(isMoney('1e5')).toBe(false);
    expect(isMoney('abc')).toBe(false);
    expect(() => toFen('1,000')).toThrow();
  });

  it('shows 万元 rounded half-up to two decimals', () => {
    expect(formatWan('4849800.00')).toBe('484.98万');
    expect(formatWan('12345.00')).toBe('1.23万');
    expect(formatWan('12350.00')).toBe('1.24万');
    expect(formatWan('123456789.00')).toBe('12,345.68万');
  });

  it('checks and shows percentages', () => {
    expect(isPercent('1.5')).toBe(true);
    expect(isPercent('100')).toBe(true);
    expect(isPercent('100.0001')).toBe(false);
    expect(isPercent('1.23456')).toBe(false);
    expect(isPercent('-1')).toBe(false);
    expect(formatPercent('1.50')).toBe('1.5 %');
    expect(formatPercent('0')).toBe('0 %');
  });
});

describe('board figures', () => {
  it('gives 万 and millions exactly, rounding half-up on fen, beyond what a float holds', () => {
    expect(formatMillion('4849800.00')).toBe('4.85');
    expect(formatMillion('-1234999.99')).toBe('-1.23');
    expect(formatWan('99999999999999.99')).toBe('10,000,000,000.00万');
    expect(formatMillion('12345678901234.56')).toBe('12,345,678.90');
  });
});

describe('optionalMoney', () => {
  it('reads a typed amount exactly, beyond what a float holds', () => {
    expect(optionalMoney('1500000')).toBe('1500000.00');
    expect(optionalMoney(' 12.5 ')).toBe('12.50');
    expect(optionalMoney('999999999999999.99')).toBe('999999999999999.99');
  });

  it('answers null for nothing typed', () => {
    expect(optionalMoney(undefined)).toBeNull();
    expect(optionalMoney(null)).toBeNull();
    expect(optionalMoney('  ')).toBeNull();
  });

  it('refuses what is not an amount', () => {
    expect(() => optionalMoney('1e6')).toThrow();
    expect(() => optionalMoney('12.345')).toThrow();
  });
});
