/**
 * A campaign tag on our links and mini program codes (`?from=…`): 1–32 of `A–Z a–z 0–9 _ -`. The live page reports
 * it with the view, the tap and the open, and the funnel counts by it; anything else is dropped as untagged.
 */
export const CAMPAIGN_TAG_PATTERN = /^[A-Za-z0-9_-]{1,32}$/;

export const isCampaignTag = (value: string): boolean => CAMPAIGN_TAG_PATTERN.test(value);
