import { DynamicModule, Module } from '@nestjs/common';
import { DeadLettersModule, serviceInfrastructure } from '@dtp/messaging';
import { officialsGuardProviders } from '@dtp/platform';
import { AggregationModule } from './aggregation/aggregation.module';
import { CatalogModule } from './catalog/catalog.module';
import { IndicatorsConfig } from './config';
import { ProgrammesModule } from './programmes/programmes.module';
import { RankingsModule } from './rankings/rankings.module';
import { ReportingModule } from './reporting/reporting.module';
import { ScorecardsModule } from './scorecards/scorecards.module';

export const SERVICE_NAME = 'indicators';

@Module({})
export class AppModule {
  static forRoot(config: IndicatorsConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [...serviceInfrastructure({ service: SERVICE_NAME, env: config }), AggregationModule, CatalogModule, ProgrammesModule, ScorecardsModule, RankingsModule, ReportingModule, DeadLettersModule],
      providers: [
        // Verification only: tokens are issued by the reports service, so the lifetime here is unused.
        ...officialsGuardProviders(config.JWT_SECRET),
      ],
    };
  }
}
