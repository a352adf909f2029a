import { fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { renderWithProviders } from '@/testing/render';
import { zeroFigures } from '../lib/grid';
import { TargetsPage } from './targets-page';

const PROJECT = '11111111-1111-4111-8111-111111111111';
const none = { ...zeroFigures() };

function plan() {
  return {
    kind: 'plan',
    project_id: PROJECT,
    month: '2027-01',
    derived: false,
    stored: true,
    status: 'draft',
    version: 3,
    submitted_at: null,
    submitted_late: false,
    decided_at: null,
    return_comment: null,
    approval_id: null,
    allowed_actions: ['edit', 'split', 'submit'],
    project: { ...zeroFigures(), units_contracted: 10, allowed_actions: ['edit'] },
    teams: [],
    consultants: [
      { ...zeroFigures(), units_contracted: 5, user_id: 'c1', name: '陈晓', supervisor_id: null, allowed_actions: ['edit'] },
      { ...zeroFigures(), units_contracted: 4, user_id: 'c2', name: '刘洋', supervisor_id: null, allowed_actions: ['edit'] },
    ],
    mismatch: { teams: none, consultants: { ...none, units_contracted: -1 } },
  };
}

afterEach(() => vi.unstubAllGlobals());

describe('the targets page', () => {
  it('highlights the mismatch and follows edits before they are saved', async () => {
    const sent: unknown[] = [];
    vi.stubGlobal(
      'fetch',
      vi.fn(async (input: RequestInfo | URL) => {
        const request = input as Request;
        if (request.method === 'PUT') sent.push({ body: await request.json(), ifMatch: request.headers.get('If-Match') });
        return new Response(JSON.stringify(plan()), { status: 200, headers: { 'Content-Type': 'application/json' } });
      }),
    );
    renderWithProviders(<TargetsPage projectId={PROJECT} projectName="华府天地" mine={false} />);
    expect(await screen.findByText('-1')).toBeInTheDocument();
    expect(screen.getByTestId('mismatch-summary')).toHaveTextContent('目标未对齐');
    const input = screen.getByRole('spinbutton', { name: '签约套数 刘洋' });
    fireEvent.change(input, { target: { value: '5' } });
    await waitFor(() => expect(screen.getByTestId('mismatch-summary')).toHaveTextContent('各级目标已对齐'));
    fireEvent.click(screen.getByRole('button', { name: /保\s*存/ }));
    await waitFor(() => expect(sent).toHaveLength(1));
    expect(sent[0]).toMatchObject({ ifMatch: '"v3"', body: { consultants: [{ user_id: 'c1', units_contracted: 5 }, { user_id: 'c2', units_contracted: 5 }] } });
  });
});
