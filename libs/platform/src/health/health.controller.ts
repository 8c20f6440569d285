import { Controller, Get, HttpStatus, Inject, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { PublicRoute } from './public-route';
import { livenessFailures } from './liveness';
import { READINESS_CHECKS, ReadinessCheck, readinessOf, runChecks } from './readiness-check';

interface ReplyLike {
  status(code: number): ReplyLike;
  send(body: unknown): void;
}

@ApiTags('health')
@PublicRoute()
@Controller('health')
export class HealthController {
  constructor(@Inject(READINESS_CHECKS) private readonly checks: ReadinessCheck[]) {}

  @Get('live')
  @ApiOperation({ summary: 'Liveness: the process answers and none of its parts (Kafka consumers) stopped for good; 503 otherwise.' })
  live(@Res() reply: ReplyLike): void {
    const failed = livenessFailures();
    const alive = Object.keys(failed).length === 0;
    reply.status(alive ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE).send(alive ? { status: 'ok' } : { status: 'error', failed });
  }

  @Get('ready')
  @ApiOperation({ summary: 'Readiness: the dependencies the service needs (MongoDB, Redis where used) answer; 503 otherwise. Kafka is reported but not required ("degraded"): writes wait in the outbox.' })
  async ready(@Res() reply: ReplyLike): Promise<void> {
    const checks = await runChecks(this.checks, 2000);
    const status = readinessOf(checks);
    reply.status(status === 'error' ? HttpStatus.SERVICE_UNAVAILABLE : HttpStatus.OK).send({ status, checks });
  }
}
