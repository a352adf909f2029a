import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { renderWithProviders } from '@/testing/render';
import { RatePage } from './rate-page';

const TOKEN = 'tok-0123456789abcdef';

function answer(status: number, body: unknown): Response {
  const type = status >= 400 ? 'application/problem+json' : 'application/json';
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': type } });
}

/** The public endpoint: `view` answers the GET, `rated` the POST; records the bodies posted. */
function serve(view: () => Response, rated: () => Response = () => answer(200, { title: '', resolution: null, state: 'used' })) {
  const posted: unknown[] = [];
  const fetch = vi.fn(async (input: RequestInfo | URL) => {
    const request = input as Request;
    expect(new URL(request.url).pathname).toBe(`/api/v1/public/complaint-ratings/${TOKEN}`);
    expect(request.headers.get('Authorization')).toBeNull(); // no session at all
    if (request.method === 'POST') {
      posted.push(await request.json());
      return rated();
    }
    return view();
  });
  vi.stubGlobal('fetch', fetch);
  return posted;
}

const OPEN = { title: '样板间承诺的地暖未安装', resolution: '已安排施工队本周补装', state: 'open' };

afterEach(() => vi.unstubAllGlobals());

describe('the public rating page', () => {
  it('shows only the title and the resolution, and takes one rating', async () => {
    const posted = serve(() => answer(200, OPEN));
    renderWithProviders(<RatePage token={TOKEN} />);
    expect(await screen.findByTestId('rate-title')).toHaveTextContent(OPEN.title);
    expect(screen.getByTestId('rate-resolution')).toHaveTextContent(OPEN.resolution);

    await userEvent.click(screen.getByRole('button', { name: /提交评价/ }));
    expect(await screen.findByText('请选择满意度')).toBeInTheDocument();
    expect(posted).toEqual([]);

    await userEvent.click(screen.getAllByRole('radio')[3]!); // the fourth star
    await userEvent.type(screen.getByRole('textbox'), '处理及时');
    await userEvent.click(screen.getByRole('button', { name: /提交评价/ }));
    expect(await screen.findByTestId('rate-thanks')).toHaveTextContent('评价已提交');
    expect(posted).toEqual([{ score: 4, comment: '处理及时' }]);
  });

  it('says plainly that a used link was used', async () => {
    serve(() => answer(200, { ...OPEN, state: 'used' }));
    renderWithProviders(<RatePage token={TOKEN} />);
    expect(await screen.findByTestId('rate-used')).toHaveTextContent('此链接已使用过');
    expect(screen.queryByRole('button', { name: /提交评价/ })).not.toBeInTheDocument();
  });

  it('says plainly that an expired link expired', async () => {
    serve(() => answer(200, { ...OPEN, state: 'expired' }));
    renderWithProviders(<RatePage token={TOKEN} />);
    expect(await screen.findByTestId('rate-expired')).toHaveTextContent('此链接已过期');
  });

  it('says plainly that an unknown link is not valid', async () => {
    serve(() => answer(404, { code: 'rating_link_not_found', title: 'Not found', status: 404 }));
    renderWithProviders(<RatePage token={TOKEN} />);
    expect(await screen.findByTestId('rate-notFound')).toHaveTextContent('链接无效');
  });

  it('says the link was used when someone rated meanwhile (409)', async () => {
    serve(
      () => answer(200, OPEN),
      () => answer(409, { code: 'rating_link_used', title: 'Used', status: 409 }),
    );
    renderWithProviders(<RatePage token={TOKEN} />);
    await screen.findByTestId('rate-title');
    await userEvent.click(screen.getAllByRole('radio')[4]!);
    await userEvent.click(screen.getByRole('button', { name: /提交评价/ }));
    await waitFor(() => expect(screen.getByRole('alert')).toHaveTextContent('此链接已使用过'));
  });
});
