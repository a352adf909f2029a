/** Every query of this feature lives under ['inventory']; mutations invalidate through these. */
export const inventoryKeys = {
  all: ['inventory'] as const,
  boards: () => [...inventoryKeys.all, 'board'] as const,
  board: (projectId: string) => [...inventoryKeys.boards(), projectId] as const,
  /** The board as it stood at a past moment (read-only, never patched by live events). */
  boardAt: (projectId: string, at: string) => [...inventoryKeys.board(projectId), 'at', at] as const,
  units: () => [...inventoryKeys.all, 'unit'] as const,
  unit: (unitId: string) => [...inventoryKeys.units(), unitId] as const,
  history: (unitId: string) => [...inventoryKeys.unit(unitId), 'history'] as const,
  reservations: (projectId: string) => [...inventoryKeys.all, 'reservations', projectId] as const,
  customerChoices: (projectId: string, q: string) => [...inventoryKeys.all, 'customer-choices', projectId, q] as const,
  buildings: (projectId: string) => [...inventoryKeys.all, 'buildings', projectId] as const,
  priceLists: (projectId: string) => [...inventoryKeys.all, 'price-lists', projectId] as const,
  priceListItems: (priceListId: string) => [...inventoryKeys.all, 'price-list-items', priceListId] as const,
};
