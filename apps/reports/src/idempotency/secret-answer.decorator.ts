import { SetMetadata } from '@nestjs/common';

export const SECRET_ANSWER = 'dtp:secret-answer';

/**
 * The answer's named fields are secrets shown once (an API key): an Idempotency-Key record keeps
 * the answer without them, and a replay is refused (409) rather than answered without the secret
 * or with a second one. See ADR 0006.
 */
export const SecretAnswer = (...fields: [string, ...string[]]) => SetMetadata(SECRET_ANSWER, fields);
