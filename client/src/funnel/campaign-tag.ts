import { isCampaignTag } from '../../../shared/staff-api';

/** The page's campaign tag (`?from=…`) when it is one; anything else is as good as none. */
export const campaignTag = (from: string | undefined): string | undefined =>
  from !== undefined && isCampaignTag(from) ? from : undefined;
