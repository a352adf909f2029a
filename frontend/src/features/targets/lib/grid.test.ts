import { describe, expect, it } from 'vitest';
import { draftMismatch, hasMismatch, mismatch, sumFigures, updateOf, zeroFigures, type Draft } from './grid';

const f = (over: Partial<ReturnType<typeof zeroFigures>>) => ({ ...zeroFigures(), ...over });

describe('the targets grid', () => {
  it('sums counts as integers and money exactly to the fen', () => {
    const sum = sumFigures([f({ units_subscribed: 3, amount_collected: '0.10' }), f({ units_subscribed: 4, amount_collected: '0.20' })]);
    expect(sum.units_subscribed).toBe(7);
    expect(sum.amount_collected).toBe('0.30');
  });

  it('shows the parts less the whole, and nothing when they agree', () => {
    const whole = f({ units_contracted: 10, amount_contracted: '1000000.00' });
    const difference = mismatch([f({ units_contracted: 4, amount_contracted: '400000.00' }), f({ units_contracted: 4, amount_contracted: '500000.01' })], whole);
    expect(difference.units_contracted).toBe(-2);
    expect(difference.amount_contracted).toBe('-99999.99');
    expect(hasMismatch(difference)).toBe(true);
    expect(hasMismatch(mismatch([f({ units_contracted: 10, amount_contracted: '1000000' })], whole))).toBe(false);
  });

  it('counts a half-typed amount as nought', () => {
    expect(sumFigures([f({ amount_subscribed: '12.' }), f({ amount_subscribed: '3' })]).amount_subscribed).toBe('3.00');
  });

  it('gives each team its consultants less its row, and the levels against the project', () => {
    const draft: Draft = {
      project: f({ broker_referrals: 12 }),
      teams: [
        { ...f({ broker_referrals: 8 }), supervisor_id: 's1', name: '张伟' },
        { ...f({ broker_referrals: 4 }), supervisor_id: 's2', name: '王芳' },
      ],
      consultants: [
        { ...f({ broker_referrals: 4 }), user_id: 'c1', name: '陈晓', supervisor_id: 's1' },
        { ...f({ broker_referrals: 5 }), user_id: 'c2', name: '刘洋', supervisor_id: 's1' },
        { ...f({ broker_referrals: 4 }), user_id: 'c3', name: '李雷', supervisor_id: 's2' },
      ],
    };
    const result = draftMismatch(draft);
    expect(result.teams.broker_referrals).toBe(0);
    expect(result.consultants.broker_referrals).toBe(1);
    expect(result.perTeam.s1?.broker_referrals).toBe(1);
    expect(result.perTeam.s2?.broker_referrals).toBe(0);
    expect(updateOf(draft).consultants?.[0]).toMatchObject({ user_id: 'c1', broker_referrals: 4, amount_collected: '0.00' });
  });
});
