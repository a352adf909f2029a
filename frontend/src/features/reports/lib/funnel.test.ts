import { describe, expect, it } from 'vitest';
import { formatShare, funnelData } from './funnel';

describe('funnel helpers', () => {
  it('formats shares as percentages and none as a dash', () => {
    expect(formatShare('0.4375')).toBe('43.8%');
    expect(formatShare('1.0000')).toBe('100.0%');
    expect(formatShare(null)).toBe('—');
  });

  it('keeps the stages in order with their counts', () => {
    const group = {
      key: null,
      name: null,
      stages: [
        { stage: 'first_visit' as const, count: 10, of_first: '1.0000', of_previous: '1.0000' },
        { stage: 'came_back' as const, count: 4, of_first: '0.4000', of_previous: '0.4000' },
      ],
    };
    expect(funnelData(group, (s) => s.toUpperCase())).toEqual([
      { name: 'FIRST_VISIT', value: 10 },
      { name: 'CAME_BACK', value: 4 },
    ]);
  });
});
