import { describe, expect, it } from 'vitest';
import { progressOf } from './progress';

describe('progressOf', () => {
  it('counts money on whole fen: a fen short is not reached', () => {
    expect(progressOf('4999999.99', '5000000.00', true)).toEqual({ percent: 99, fill: 99, reached: false });
    expect(progressOf('5000000', '5000000.00', true)).toEqual({ percent: 100, fill: 100, reached: true });
  });

  it('shows more than the target in the percent, a full bar in the fill', () => {
    expect(progressOf(6, 4)).toEqual({ percent: 150, fill: 100, reached: true });
  });

  it('has no percent without a target', () => {
    expect(progressOf(3, 0)).toEqual({ percent: null, fill: 0, reached: false });
    expect(progressOf('10.00', '0.00', true).percent).toBeNull();
  });

  it('keeps a negative month (cancellations) at an empty bar', () => {
    expect(progressOf('-100.00', '1000.00', true)).toEqual({ percent: -10, fill: 0, reached: false });
  });
});
