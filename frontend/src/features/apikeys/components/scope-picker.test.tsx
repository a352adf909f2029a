import { fireEvent, screen } from '@testing-library/react';
import { useState } from 'react';
import { describe, expect, it } from 'vitest';
import { renderWithProviders } from '@/testing/render';
import { keyState } from '../key-state';
import { ScopePicker } from './scope-picker';

function Picker({ onValue }: { onValue: (value: string[]) => void }) {
  const [value, setValue] = useState<string[]>([]);
  return (
    <ScopePicker
      domains={['inventory', 'deals']}
      value={value}
      onChange={(next) => {
        setValue(next);
        onValue(next);
      }}
    />
  );
}

describe('the scope picker', () => {
  it('ticks read with write, and drops write with read', () => {
    let value: string[] = [];
    renderWithProviders(<Picker onValue={(next) => (value = next)} />);
    fireEvent.click(screen.getByTestId('scope-deals-write'));
    expect(value).toEqual(['deals:read', 'deals:write']);
    fireEvent.click(screen.getByTestId('scope-deals-read'));
    expect(value).toEqual([]);
    fireEvent.click(screen.getByTestId('scope-inventory-read'));
    expect(value).toEqual(['inventory:read']);
  });
});

describe('a key state', () => {
  it('is revoked before expired, and active otherwise', () => {
    const now = new Date('2026-12-03T12:00:00Z');
    expect(keyState({ revoked_at: '2026-12-01T00:00:00Z', expires_at: '2026-12-02T00:00:00Z' }, now)).toBe('revoked');
    expect(keyState({ revoked_at: null, expires_at: '2026-12-02T00:00:00Z' }, now)).toBe('expired');
    expect(keyState({ revoked_at: null, expires_at: null }, now)).toBe('active');
  });
});
