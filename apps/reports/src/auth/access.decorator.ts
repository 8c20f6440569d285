import { SetMetadata } from '@nestjs/common';
import { Role } from './principal';

export const ACCESS = 'dtp:access';

/** Who may call an endpoint: units (API keys, unit officers) and/or officials with one of the roles. */
export interface AccessRule {
  public?: boolean;
  units?: boolean;
  roles?: Role[];
}

export const Access = (rule: AccessRule) => SetMetadata(ACCESS, rule);
export const Public = () => Access({ public: true });
