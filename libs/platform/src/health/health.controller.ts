import { Controller, Get, HttpStatus, Inject, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { PublicRoute } from './public-route';
import { READINESS_CHECKS, ReadinessCheck, runChecks } from './readiness-check';

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
  @ApiOperation({ summary: 'Liveness: the process answers.' })
  live(): { status: 'ok' } {
    return { status: 'ok' };
  }

  @Get('ready')
  @ApiOperation({ summary: 'Readiness: every dependency (MongoDB, Kafka, Redis where used) answers; 503 otherwise.' })
  async ready(@Res() reply: ReplyLike): Promise<void> {
    const checks = await runChecks(this.checks, 2000);
    const up = Object.values(checks).every((c) => c.status === 'up');
    reply.status(up ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE).send({ status: up ? 'ok' : 'error', checks });
  }
}
