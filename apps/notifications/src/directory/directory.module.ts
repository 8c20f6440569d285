import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { DirectoryConsumer } from './directory.consumer';
import { KnownForm, KnownFormSchema } from './known-form.schema';
import { KnownFormsService } from './known-forms.service';
import { UnitsDirectory } from './units-directory.service';

/** What notifications knows of the province: its report forms and its organisation units. */
@Module({
  imports: [MongooseModule.forFeature([{ name: KnownForm.name, schema: KnownFormSchema }])],
  controllers: [DirectoryConsumer],
  providers: [KnownFormsService, UnitsDirectory],
  exports: [KnownFormsService, UnitsDirectory],
})
export class DirectoryModule {}
