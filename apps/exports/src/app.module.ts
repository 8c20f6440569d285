import { BullModule } from '@nestjs/bull';
import { DynamicModule, Global, Module } from '@nestjs/common';
import { DeadLettersModule, redisQueueReadiness, serviceInfrastructure } from '@dtp/messaging';
import { officialsGuardProviders } from '@dtp/platform';
import { EXPORTS_CONFIG, ExportsConfig } from './config';
import { EXPORT_CLOCK, ExportClock, systemClock } from './jobs/export-clock';
import { ExportsModule } from './jobs/exports.module';
import { Queues } from './jobs/queues';
import { ScorecardsModule } from './scorecards/scorecards.module';
import { PDF_FONTS } from './writers/pdf.writer';
import { resolvePdfFonts } from './writers/pdf-fonts';

export const SERVICE_NAME = 'exports';

/** The settings, the clock and the PDF fonts, for every module. */
@Global()
@Module({})
class ExportsCoreModule {
  static forRoot(config: ExportsConfig, clock: ExportClock): DynamicModule {
    const providers = [
      { provide: EXPORTS_CONFIG, useValue: config },
      { provide: EXPORT_CLOCK, useValue: clock },
      // Checked at start: a font without Vietnamese letters stops the service, not a PDF later.
      { provide: PDF_FONTS, useFactory: () => resolvePdfFonts({ regular: config.PDF_FONT, bold: config.PDF_FONT_BOLD }) },
    ];
    return { module: ExportsCoreModule, providers, exports: providers.map((p) => p.provide) };
  }
}

@Module({})
export class AppModule {
  /** `clock`: tests set the time to see files expire; the service runs on the system's. */
  static forRoot(config: ExportsConfig, clock: ExportClock = systemClock): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ...serviceInfrastructure({
          service: SERVICE_NAME,
          env: config,
          readiness: redisQueueReadiness(ExportsModule, Queues.Exports),
        }),
        ExportsCoreModule.forRoot(config, clock),
        BullModule.forRoot({ redis: config.REDIS_URL, prefix: config.QUEUE_PREFIX }),
        ExportsModule,
        ScorecardsModule,
        DeadLettersModule,
      ],
      providers: [
        // Verification only: tokens are issued by the reports service.
        ...officialsGuardProviders(config.JWT_SECRET),
      ],
    };
  }
}
