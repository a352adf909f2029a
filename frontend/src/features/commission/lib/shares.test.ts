import { describe, expect, it } from 'vitest';
import { isShare, sharesComplete, sharesTotal, shareText } from './shares';

describe('shares in percent', () => {
  it('add up exactly in hundredths, so thirds that the server takes make 100', () => {
    expect(sharesTotal([{ share: '33.33' }, { share: '33.33' }, { share: '33.34' }])).toBe('100');
    expect(sharesComplete([{ share: '33.33' }, { share: '66.67' }])).toBe(true);
    expect(sharesTotal([{ share: '0.1' }, { share: '0.2' }])).toBe('0.3');
  });

  it('count blank and unreadable rows as 0 in the running sum', () => {
    expect(sharesTotal([{ share: '60' }, { share: '' }, {}, { share: 'abc' }, { share: null }])).toBe('60');
    expect(sharesComplete([{ share: '60' }, { share: '30' }])).toBe(false);
    expect(sharesTotal([])).toBe('0');
  });

  it('take only what the API takes: above 0, up to 100, two decimals', () => {
    for (const ok of ['100', '0.01', '50.5', ' 12.25 ']) expect(isShare(ok)).toBe(true);
    for (const bad of ['0', '0.00', '100.01', '101', '1.234', '-5', '', undefined]) expect(isShare(bad)).toBe(false);
  });

  it('send what was typed without a lone trailing dot', () => {
    expect(shareText(' 50. ')).toBe('50');
    expect(shareText('12.5')).toBe('12.5');
  });
});
