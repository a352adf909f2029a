import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { renderWithProviders } from '@/testing/render';
import { FeeMoney } from './fee-money';
import { LineKindTag } from './tags';

describe('money on the agency-fee pages', () => {
  it('shows ¥ with thousands separators and two decimals', () => {
    renderWithProviders(<FeeMoney value="1234567.8" testId="m" />);
    expect(screen.getByTestId('m')).toHaveTextContent('¥1,234,567.80');
    expect(screen.getByTestId('m')).toHaveAttribute('data-negative', 'false');
  });

  it('shows a negative amount (a clawback) with its sign, in red', () => {
    renderWithProviders(<FeeMoney value="-12500.00" testId="m" />);
    const amount = screen.getByTestId('m');
    expect(amount).toHaveTextContent('-¥12,500.00');
    expect(amount).toHaveAttribute('data-negative', 'true');
    expect(amount).toHaveClass('ant-typography-danger');
  });

  it('keeps zero and huge amounts exact and black', () => {
    renderWithProviders(
      <>
        <FeeMoney value="0.00" testId="zero" />
        <FeeMoney value="999999999999999.99" testId="huge" />
      </>,
    );
    expect(screen.getByTestId('zero')).toHaveTextContent('¥0.00');
    expect(screen.getByTestId('zero')).not.toHaveClass('ant-typography-danger');
    expect(screen.getByTestId('huge')).toHaveTextContent('¥999,999,999,999,999.99');
  });

  it('shows a dash for no amount', () => {
    renderWithProviders(<FeeMoney value={null} testId="m" />);
    expect(screen.getByTestId('m')).toHaveTextContent('—');
  });

  it('tags clawbacks and reversals as money taken back', () => {
    renderWithProviders(
      <>
        <LineKindTag kind="earned" />
        <LineKindTag kind="clawback" />
        <LineKindTag kind="reversal" />
      </>,
    );
    const tags = screen.getAllByTestId('line-kind');
    expect(tags.map((tag) => tag.textContent)).toEqual(['计提', '退房追回', '换房冲回']);
    expect(tags.map((tag) => tag.getAttribute('data-negative'))).toEqual(['false', 'true', 'true']);
  });
});
