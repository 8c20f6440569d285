import { DynamicModule, Module } from '@nestjs/common';
import { serviceInfrastructure } from '@dtp/messaging';
import { ReportsConfig } from './config';
import { SubmissionsModule } from './submissions/submissions.module';

export const SERVICE_NAME = 'reports';

@Module({})
export class AppModule {
  static forRoot(config: ReportsConfig): DynamicModule {
    return { module: AppModule, imports: [...serviceInfrastructure({ service: SERVICE_NAME, env: config }), SubmissionsModule] };
  }
}
