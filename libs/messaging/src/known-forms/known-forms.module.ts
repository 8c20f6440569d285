import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { KnownForm, KnownFormSchema } from './known-form.schema';
import { KnownFormsService } from './known-forms.service';

/** The service's own copy of the report forms (`known_forms`); a consumer of `reports.form.v1` applies to it. */
@Module({
  imports: [MongooseModule.forFeature([{ name: KnownForm.name, schema: KnownFormSchema }])],
  providers: [KnownFormsService],
  exports: [KnownFormsService],
})
export class KnownFormsModule {}
