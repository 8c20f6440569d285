import { DynamicModule, ForwardReference, InjectionToken, Module, Type } from '@nestjs/common';
import { METRICS_TOKEN, MetricsController } from '../metrics/metrics.controller';
import { HealthController } from './health.controller';
import { READINESS_CHECKS, ReadinessCheck } from './readiness-check';

export interface PlatformModuleOptions {
  /** Builds the dependencies readiness waits for, from providers that global modules export. */
  readiness: {
    /** Modules exporting the providers `inject` names, unless a global module has them already. */
    imports?: Array<Type | DynamicModule | Promise<DynamicModule> | ForwardReference>;
    inject: InjectionToken[];
    useFactory: (...deps: never[]) => ReadinessCheck[];
  };
  /** The bearer token /metrics asks for (METRICS_TOKEN); without one, /metrics answers nobody. */
  metricsToken?: string;
}

/** Health (/health/live, /health/ready) and metrics (/metrics, behind its own token) for every service. */
@Module({})
export class PlatformModule {
  static forRoot(options: PlatformModuleOptions): DynamicModule {
    return {
      module: PlatformModule,
      imports: options.readiness.imports ?? [],
      controllers: [HealthController, MetricsController],
      providers: [
        { provide: READINESS_CHECKS, inject: options.readiness.inject, useFactory: options.readiness.useFactory },
        { provide: METRICS_TOKEN, useValue: options.metricsToken ?? null },
      ],
    };
  }
}
