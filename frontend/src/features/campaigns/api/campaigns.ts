/** Campaigns, their cost entries, today's choices and the channel report: queries and mutations. */
import { queryOptions, useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { api, ApiError, unwrap, type Schemas } from '@/api/client';
import { allPages } from '@/lib/all-pages';

export type Campaign = Schemas['Campaign'];
export type CampaignCreate = Schemas['CampaignCreate'];
export type CampaignUpdate = Schemas['CampaignUpdate'];
export type CampaignCost = Schemas['CampaignCost'];
export type CampaignCostCreate = Schemas['CampaignCostCreate'];
export type CampaignChoice = Schemas['CampaignChoice'];
export type CampaignKind = Schemas['CampaignKind'];
export type CampaignMedium = Schemas['CampaignMedium'];
export type ChannelReport = Schemas['ChannelReport'];
export type SourceFigures = Schemas['SourceFigures'];

export const campaignKeys = {
  all: ['campaigns'] as const,
  ofProject: (projectId: string) => [...campaignKeys.all, 'project', projectId] as const,
  list: (projectId: string) => [...campaignKeys.ofProject(projectId), 'list'] as const,
  choices: (projectId: string) => [...campaignKeys.ofProject(projectId), 'choices'] as const,
  report: (projectId: string, from: string, to: string) =>
    [...campaignKeys.ofProject(projectId), 'report', from, to] as const,
  detail: (campaignId: string) => [...campaignKeys.all, 'detail', campaignId] as const,
  costs: (campaignId: string) => [...campaignKeys.detail(campaignId), 'costs'] as const,
};

/** Every campaign of the project (tens, not thousands), newest first. */
export function useCampaigns(projectId: string) {
  return useQuery(
    queryOptions({
      queryKey: campaignKeys.list(projectId),
      queryFn: async () =>
        (
          await allPages((cursor) =>
            unwrap(
              api.GET('/api/v1/projects/{project_id}/campaigns', {
                params: { path: { project_id: projectId }, query: { limit: 200, cursor } },
              }),
            ),
          )
        ).reverse(),
    }),
  );
}

/** The campaigns running today, names only: what the walk-in and visit forms offer (any member). */
export function useCampaignChoices(projectId: string) {
  return useQuery(
    queryOptions({
      queryKey: campaignKeys.choices(projectId),
      queryFn: () =>
        unwrap(
          api.GET('/api/v1/projects/{project_id}/campaign-choices', { params: { path: { project_id: projectId } } }),
        ),
      staleTime: 5 * 60_000,
    }),
  );
}

export function useCampaign(campaignId: string) {
  return useQuery(
    queryOptions({
      queryKey: campaignKeys.detail(campaignId),
      queryFn: () =>
        unwrap(api.GET('/api/v1/campaigns/{campaign_id}', { params: { path: { campaign_id: campaignId } } })),
    }),
  );
}

/** Every cost entry of a campaign, in the order recorded. */
export function useCampaignCosts(campaignId: string) {
  return useQuery(
    queryOptions({
      queryKey: campaignKeys.costs(campaignId),
      queryFn: () =>
        allPages((cursor) =>
          unwrap(
            api.GET('/api/v1/campaigns/{campaign_id}/costs', {
              params: { path: { campaign_id: campaignId }, query: { limit: 200, cursor } },
            }),
          ),
        ),
    }),
  );
}

function refresh(client: QueryClient, projectId: string, campaignId?: string) {
  void client.invalidateQueries({ queryKey: campaignKeys.ofProject(projectId) });
  if (campaignId !== undefined) void client.invalidateQueries({ queryKey: campaignKeys.detail(campaignId) });
}

export function useCreateCampaign(projectId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: CampaignCreate) =>
      unwrap(api.POST('/api/v1/projects/{project_id}/campaigns', { params: { path: { project_id: projectId } }, body })),
    onSuccess: () => refresh(client, projectId),
  });
}

/** PATCH with the version the page shows as If-Match: a 412 means someone changed it meanwhile. */
export function useUpdateCampaign(campaign: Campaign) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: CampaignUpdate) =>
      unwrap(
        api.PATCH('/api/v1/campaigns/{campaign_id}', {
          params: { path: { campaign_id: campaign.id }, header: { 'If-Match': `"v${campaign.version}"` } },
          body,
        }),
      ),
    onSuccess: (changed) => {
      client.setQueryData(campaignKeys.detail(campaign.id), changed);
      refresh(client, campaign.project_id, campaign.id);
    },
  });
}

export function useAddCost(campaign: Pick<Campaign, 'id' | 'project_id'>) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: CampaignCostCreate) =>
      unwrap(api.POST('/api/v1/campaigns/{campaign_id}/costs', { params: { path: { campaign_id: campaign.id } }, body })),
    onSuccess: () => refresh(client, campaign.project_id, campaign.id),
  });
}

/** The channel and campaign report from `from` to `to` (YYYY-MM-DD, inclusive, the project's days). */
export function useChannelReport(projectId: string, from: string, to: string) {
  return useQuery(
    queryOptions({
      queryKey: campaignKeys.report(projectId, from, to),
      queryFn: () =>
        unwrap(
          api.GET('/api/v1/projects/{project_id}/reports/channels', {
            params: { path: { project_id: projectId }, query: { from, to } },
          }),
        ),
    }),
  );
}

/** The same report as a workbook, saved under the server's file name. */
export async function exportChannelReport(projectId: string, from: string, to: string): Promise<void> {
  const { data, response } = await api.GET('/api/v1/projects/{project_id}/reports/channels.xlsx', {
    params: { path: { project_id: projectId }, query: { from, to } },
    parseAs: 'blob',
  });
  if (!response.ok || !(data instanceof Blob)) throw ApiError.fromResponse(response, null);
  const disposition = response.headers.get('Content-Disposition') ?? '';
  const name = /filename="?([^";]+)"?/.exec(disposition)?.[1] ?? 'channels.xlsx';
  const url = URL.createObjectURL(data);
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
