import { Module } from '@nestjs/common';
import { KnownFormsModule } from '@dtp/messaging';
import { DirectoryConsumer } from './directory.consumer';
import { UnitsDirectory } from './units-directory.service';

/** What notifications knows of the province: its report forms and its organisation units. */
@Module({
  imports: [KnownFormsModule],
  controllers: [DirectoryConsumer],
  providers: [UnitsDirectory],
  exports: [KnownFormsModule, UnitsDirectory],
})
export class DirectoryModule {}
