import type {
  AccessTokenGeneration,
  ClaimsAndScopeOverrideDetails,
  IdTokenGeneration,
  PreTokenGenerationV2TriggerEvent,
} from 'aws-lambda';
import { isRole, type Role } from '../../packages/domain/src/roles';

/** The claims the API authorises with; `roles` is an array, which V2 triggers may add. */
export type ScopeClaims = { roles?: Role[]; city?: string; tenant?: string; body?: string };

/** @types/aws-lambda types added claims as strings only; everything else is theirs. */
type WithScopeClaims<T> = Omit<T, 'claimsToAddOrOverride'> & { claimsToAddOrOverride?: ScopeClaims };

export type TokenEvent = Omit<PreTokenGenerationV2TriggerEvent, 'response'> & {
  response: {
    // Cognito sends null when no earlier step set overrides.
    claimsAndScopeOverrideDetails:
      | (Omit<ClaimsAndScopeOverrideDetails, 'idTokenGeneration' | 'accessTokenGeneration'> & {
          idTokenGeneration?: WithScopeClaims<IdTokenGeneration>;
          accessTokenGeneration?: WithScopeClaims<AccessTokenGeneration>;
        })
      | null;
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
