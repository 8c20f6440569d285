import { DynamicModule, Module } from '@nestjs/common';
import { serviceInfrastructure } from '@dtp/messaging';
import { AggregationModule } from './aggregation/aggregation.module';
import { IndicatorsConfig } from './config';

export const SERVICE_NAME = 'indicators';

@Module({})
export class AppModule {
  static forRoot(config: IndicatorsConfig): DynamicModule {
    return { module: AppModule, imports: [...serviceInfrastructure({ service: SERVICE_NAME, env: config }), AggregationModule] };
  }
}
