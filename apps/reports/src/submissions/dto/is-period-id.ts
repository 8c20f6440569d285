import { parsePeriodId } from '@dtp/domain';
import { ValidateBy, ValidationOptions } from 'class-validator';

/** A DHIS2-style period id, checked by the domain's own parser so the rule lives in one place. */
export function IsPeriodId(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isPeriodId',
      validator: {
        validate: (value: unknown) => {
          if (typeof value !== 'string') return false;
          try {
            parsePeriodId(value);
            return true;
          } catch {
            return false;
          }
        },
        defaultMessage: (args) => {
          try {
            parsePeriodId(String(args?.value));
            return '';
          } catch (error) {
            return `${args?.property}: ${(error as Error).message}`;
          }
        },
      },
    },
    options,
  );
}
