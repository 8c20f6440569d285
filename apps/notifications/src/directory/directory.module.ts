import { Module } from '@nestjs/common';
import { KnownFormsModule } from '@dtp/messaging';
import { DirectoryConsumer } from './directory.consumer';

/** What notifications knows of the province: its report forms and its organisation units. */
@Module({
  imports: [KnownFormsModule],
  controllers: [DirectoryConsumer],
  exports: [KnownFormsModule],
})
export class DirectoryModule {}
