import { DynamicModule, Module } from '@nestjs/common';
import { serviceInfrastructure } from '@dtp/messaging';
import { ExportsConfig } from './config';
import { ScorecardsModule } from './scorecards/scorecards.module';

export const SERVICE_NAME = 'exports';

@Module({})
export class AppModule {
  static forRoot(config: ExportsConfig): DynamicModule {
    return { module: AppModule, imports: [...serviceInfrastructure({ service: SERVICE_NAME, env: config }), ScorecardsModule] };
  }
}
