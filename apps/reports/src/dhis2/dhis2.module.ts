import { DynamicModule, Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { Dhis2Controller } from './dhis2.controller';
import { Dhis2ImportService } from './dhis2-import.service';
import { Dhis2Mapping, Dhis2MappingSchema } from './schemas/dhis2-mapping.schema';

@Module({})
export class Dhis2Module {
  /** `submissions`: the module exporting SubmissionsService, so imports take the same path as the JSON API. */
  static register(submissions: DynamicModule): DynamicModule {
    return {
      module: Dhis2Module,
      imports: [MongooseModule.forFeature([{ name: Dhis2Mapping.name, schema: Dhis2MappingSchema }]), submissions],
      controllers: [Dhis2Controller],
      providers: [Dhis2ImportService],
    };
  }
}
