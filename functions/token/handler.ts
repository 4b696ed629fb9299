import type { PreTokenGenerationV2TriggerEvent } from 'aws-lambda';
import { isRole, type Role } from '../../packages/domain/src/roles';

/**
 * V2 triggers may add array claims, but @types/aws-lambda types claims as strings only,
 * so the response is typed here.
 */
export type ScopeClaims = { roles?: Role[]; city?: string; tenant?: string; body?: string };

export type TokenEvent = Omit<PreTokenGenerationV2TriggerEvent, 'response'> & {
  response: {
    claimsAndScopeOverrideDetails: {
      idTokenGeneration?: { claimsToAddOrOverride?: ScopeClaims };
      accessTokenGeneration?: { claimsToAddOrOverride?: ScopeClaims };
    } | null;
  };
};

const SCOPES = ['city', 'tenant', 'body'] as const;

/** The claims the API authorises with, from the attributes only administrators can write. */
export function scopeClaims(attributes: Readonly<Record<string, string | undefined>>): ScopeClaims {
  const claims: ScopeClaims = {};
  // Unknown names are dropped rather than rejected: a typo must not lock a user out of the roles that are right.
  const roles = (attributes['custom:roles'] ?? '')
    .split(',')
    .map((role) => role.trim())
    .filter(isRole);
  if (roles.length > 0) claims.roles = [...new Set(roles)];
  for (const scope of SCOPES) {
    const value = attributes[`custom:${scope}`]?.trim();
    if (value) claims[scope] = value;
  }
  return claims;
}

/** Cognito pre-token-generation (V2): the same scope claims on the ID and the access token. */
export const handler = async (event: TokenEvent): Promise<TokenEvent> => {
  const claims = scopeClaims(event.request.userAttributes);
  event.response.claimsAndScopeOverrideDetails = {
    ...event.response.claimsAndScopeOverrideDetails,
    idTokenGeneration: { claimsToAddOrOverride: { ...claims } },
    accessTokenGeneration: { claimsToAddOrOverride: { ...claims } },
  };
  return event;
};
