import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { ReadModelsModule } from '../read-models/read-models.module';
import { CatalogModule } from '../catalog/catalog.module';
import { UnitsModule } from '../units/units.module';
import { ProgrammesController } from './programmes.controller';
import { ProgrammeOutboxRelay } from './programme-outbox.relay';
import { ProgrammesService } from './programmes.service';
import { Programme, ProgrammeSchema } from './schemas/programme.schema';

@Module({
  imports: [ReadModelsModule, CatalogModule, UnitsModule, MongooseModule.forFeature([{ name: Programme.name, schema: ProgrammeSchema }])],
  controllers: [ProgrammesController],
  providers: [ProgrammesService, ProgrammeOutboxRelay],
  exports: [ProgrammesService],
})
export class ProgrammesModule {}
