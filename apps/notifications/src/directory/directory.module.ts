import { Module } from '@nestjs/common';
import { KnownFormsModule, UNITS_DIRECTORY_OPTIONS, UnitsDirectoryOptions } from '@dtp/messaging';
import { NOTIFICATIONS_CONFIG, NotificationsConfig } from '../config';
import { DirectoryConsumer } from './directory.consumer';
import { UnitsDirectory } from '@dtp/messaging';

/** What notifications knows of the province: its report forms and its organisation units. */
@Module({
  imports: [KnownFormsModule],
  controllers: [DirectoryConsumer],
  providers: [
    UnitsDirectory,
    { provide: UNITS_DIRECTORY_OPTIONS, inject: [NOTIFICATIONS_CONFIG], useFactory: (config: Pick<NotificationsConfig, 'INDICATORS_URL'>): UnitsDirectoryOptions => ({ ...(config.INDICATORS_URL ? { indicatorsUrl: config.INDICATORS_URL } : {}) }) },
  ],
  exports: [KnownFormsModule, UnitsDirectory],
})
export class DirectoryModule {}
