import { Controller, Get, Header, Headers, Inject } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { createHash, timingSafeEqual } from 'node:crypto';
import { collectDefaultMetrics, register } from 'prom-client';
import { bearerToken } from '../auth/official-tokens';
import { refusal } from '../errors/problem';
import { PublicRoute } from '../health/public-route';

/** The token Prometheus presents (METRICS_TOKEN), or null when none is configured. */
export const METRICS_TOKEN = Symbol('METRICS_TOKEN');

let collecting = false;

/**
 * Prometheus metrics for the process (event loop lag, heap, GC) and whatever the app registers.
 * Not an official's read: the scraper presents its own bearer token, compared in constant time.
 * Without a configured token nobody is let in, so a deployment that forgot it leaks nothing.
 */
@ApiExcludeController()
@PublicRoute()
@Controller('metrics')
export class MetricsController {
  constructor(@Inject(METRICS_TOKEN) private readonly token: string | null) {
    if (!collecting) {
      collectDefaultMetrics();
      collecting = true;
    }
  }

  @Get()
  @Header('content-type', register.contentType)
  metrics(@Headers('authorization') authorization?: string): Promise<string> {
    if (!this.token) throw refusal(401, 'unauthorized', 'metrics are closed: no METRICS_TOKEN is configured', 'số liệu giám sát đang đóng: chưa cấu hình mã truy cập');
    const presented = bearerToken(authorization);
    if (!presented || !sameToken(presented, this.token)) throw refusal(401, 'unauthorized', 'send the metrics token (Authorization: Bearer)', 'cần mã truy cập số liệu giám sát (Authorization: Bearer)');
    return register.metrics();
  }
}

/** Hashes first, so the comparison takes the same time whatever the lengths. */
function sameToken(a: string, b: string): boolean {
  const digest = (s: string) => createHash('sha256').update(s).digest();
  return timingSafeEqual(digest(a), digest(b));
}
