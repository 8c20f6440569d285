import { applyDecorators, ExecutionContext, Injectable, Logger, UseGuards } from '@nestjs/common';
import { ApiResponse } from '@nestjs/swagger';
import { ThrottlerGuard, ThrottlerLimitDetail } from '@nestjs/throttler';
import { ProblemException } from '@dtp/platform';
import { AuthenticatedRequest } from '../auth/auth.guard';
import { unitOf } from '../auth/principal';
import { retryAfterOn, TooManyRequests } from './too-many-requests';

export const UNIT_WRITES = 'unit-writes';

/**
 * Writes counted per unit (its API keys and its officers together), across every write route and
 * every replica. Runs after the AuthGuard (a global guard), which has found the unit. When Redis
 * cannot answer, the write goes through: the limit protects the service, the reports are its job.
 */
@Injectable()
export class UnitWritesGuard extends ThrottlerGuard {
  private readonly log = new Logger(UnitWritesGuard.name);

  override async canActivate(context: ExecutionContext): Promise<boolean> {
    try {
      return await super.canActivate(context);
    } catch (error) {
      if (error instanceof ProblemException) throw error;
      this.log.warn(`unit write let through without counting: ${(error as Error).message}`);
      return true;
    }
  }

  protected override async shouldSkip(context: ExecutionContext): Promise<boolean> {
    return !this.unitKey(context.switchToHttp().getRequest<AuthenticatedRequest>());
  }

  protected override async getTracker(request: Record<string, unknown>): Promise<string> {
    return this.unitKey(request as unknown as AuthenticatedRequest) ?? '';
  }

  /** One count for all of a unit's write routes. */
  protected override generateKey(_context: ExecutionContext, tracker: string): string {
    return tracker;
  }

  protected override async throwThrottlingException(context: ExecutionContext, detail: ThrottlerLimitDetail): Promise<void> {
    const seconds = detail.timeToBlockExpire;
    const limit = `${detail.limit} writes in ${Math.round(detail.ttl / 1000)} seconds`;
    const limitVi = `${detail.limit} lượt gửi trong ${Math.round(detail.ttl / 1000)} giây`;
    retryAfterOn(context.switchToHttp().getResponse())(
      new TooManyRequests(
        seconds,
        'too-many-writes',
        `unit ${detail.tracker} sent more than ${limit}: try again in ${seconds} seconds`,
        `đơn vị ${detail.tracker} đã gửi quá ${limitVi}: hãy thử lại sau ${seconds} giây`,
      ),
    );
  }

  private unitKey(request: AuthenticatedRequest): string | undefined {
    const unit = request.principal && unitOf(request.principal);
    return unit && `${unit.provinceCode}:${unit.unitCode}`;
  }
}

/** On a unit's write route: the per-unit limit, and its 429 in the OpenAPI document. */
export function UnitWriteLimit(): MethodDecorator {
  return applyDecorators(
    UseGuards(UnitWritesGuard),
    ApiResponse({
      status: 429,
      description: 'The unit sent more writes than its limit allows: try again after Retry-After seconds',
      headers: { 'Retry-After': { description: 'Seconds to wait', schema: { type: 'integer' } } },
      content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/ProblemDto' } } },
    }),
  );
}
